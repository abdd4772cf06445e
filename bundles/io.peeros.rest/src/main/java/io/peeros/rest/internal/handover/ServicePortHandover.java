package io.peeros.rest.internal.handover;

import java.net.URL;
import java.nio.channels.ServerSocketChannel;
import java.time.Duration;
import java.util.Collection;
import java.util.Dictionary;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.Map;
import java.util.function.Supplier;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.ServiceRegistration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The handover through the OSGi service registry, as the VPN data plane does it: the offer is a
 * {@code java.util.function.Supplier} registered with the system bundle's context (so it outlives this bundle's
 * update) with {@value #PROPERTY}={@value #OWNER}. Every class of this bundle is loaded when it is created, as
 * the old revision's class loader may be closed by the time the offer is taken or expires.
 */
public final class ServicePortHandover implements PortHandover {
    private static final Logger LOG = LoggerFactory.getLogger(ServicePortHandover.class);

    static final String PROPERTY = "peeros.handover";
    static final String OWNER = "io.peeros.rest";

    private final BundleContext context;
    private final Duration timeout;

    public ServicePortHandover(BundleContext context, Duration timeout) {
        this.context = context;
        this.timeout = timeout;
        preload(context.getBundle());
    }

    @Override
    public void offer(Map<Integer, ServerSocketChannel> channels) {
        if (channels.isEmpty()) {
            return;
        }
        BundleContext system = context.getBundle(Constants.SYSTEM_BUNDLE_ID).getBundleContext();
        PortOffer offer = new PortOffer(channels, timeout);
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put(PROPERTY, OWNER);
        ServiceRegistration<?> registration = system.registerService(Supplier.class.getName(), offer, properties);
        offer.start(new Withdraw(registration));
        LOG.info("REST ports {} offered for a handover; closed in {} ms unless taken", channels.keySet(),
                timeout.toMillis());
    }

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public Map<Integer, ServerSocketChannel> take() {
        Collection<ServiceReference<Supplier>> refs;
        try {
            refs = context.getServiceReferences(Supplier.class, "(" + PROPERTY + "=" + OWNER + ")");
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
        Map<Integer, ServerSocketChannel> taken = new HashMap<>();
        for (ServiceReference<Supplier> ref : refs) {
            Supplier<?> offer = context.getService(ref);
            if (offer == null) {
                continue;
            }
            try {
                Object state = offer.get();
                if (state instanceof Map<?, ?> map) {
                    for (Map.Entry<?, ?> e : map.entrySet()) {
                        if (e.getValue() instanceof ServerSocketChannel channel) {
                            ServerSocketChannel previous = taken.put(Integer.valueOf(e.getKey().toString()), channel);
                            if (previous != null) {
                                PortOffer.closeAll(java.util.List.of(previous));
                            }
                        }
                    }
                }
            } catch (RuntimeException | LinkageError e) {
                LOG.warn("REST port handover failed, binding afresh: {}", e.toString());
            } finally {
                try {
                    context.ungetService(ref);
                } catch (IllegalStateException e) {
                    LOG.debug("offer already gone", e);
                }
            }
        }
        if (!taken.isEmpty()) {
            LOG.info("REST ports {} taken over from the previous revision", taken.keySet());
        }
        return taken;
    }

    private static void preload(Bundle bundle) {
        Enumeration<URL> entries = bundle.findEntries("io/peeros/rest/internal/handover", "*.class", true);
        while (entries != null && entries.hasMoreElements()) {
            String path = entries.nextElement().getPath();
            String name = path.substring(path.startsWith("/") ? 1 : 0, path.length() - ".class".length()).replace('/', '.');
            try {
                Class.forName(name, true, bundle.loadClass(name).getClassLoader());
            } catch (ClassNotFoundException | LinkageError e) {
                LOG.debug("cannot preload {}: {}", name, e.toString());
            }
        }
    }

    /** Unregisters the offer (a named class: nothing new is loaded when it runs). */
    private static final class Withdraw implements Runnable {
        private final ServiceRegistration<?> registration;

        Withdraw(ServiceRegistration<?> registration) {
            this.registration = registration;
        }

        @Override
        public void run() {
            try {
                registration.unregister();
            } catch (IllegalStateException e) {
                LOG.debug("offer already unregistered", e);
            }
        }
    }
}
