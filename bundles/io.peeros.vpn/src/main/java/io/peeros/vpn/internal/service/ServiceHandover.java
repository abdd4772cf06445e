package io.peeros.vpn.internal.service;

import io.peeros.vpn.internal.node.HandoverOffer;
import io.peeros.vpn.internal.node.VpnNode;
import java.net.URL;
import java.time.Duration;
import java.util.Collection;
import java.util.Dictionary;
import java.util.Enumeration;
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
 * The handover through the OSGi service registry. The offer is registered with the system bundle's context, so
 * it outlives this bundle's stop or update, under the JDK type {@code java.util.function.Supplier} with
 * {@value #PROPERTY}={@value #OWNER} and {@value #FORMAT}: the successor may be another bundle revision, whose
 * classes are not ours. Since the old revision's class loader may be closed by the time the offer is taken or
 * expires, every class of this bundle is loaded (and initialised) when the component activates.
 */
final class ServiceHandover implements HandoverBroker {
    private static final Logger LOG = LoggerFactory.getLogger(ServiceHandover.class);

    static final String PROPERTY = "peeros.handover";
    static final String OWNER = "io.peeros.vpn";
    static final String FORMAT = "peeros.handover.format";

    private final BundleContext context;

    ServiceHandover(BundleContext context) {
        this.context = context;
        preload(context.getBundle());
    }

    @Override
    @SuppressWarnings("unchecked")
    public Map<String, Object> take() {
        Collection<ServiceReference<Supplier>> refs;
        try {
            refs = context.getServiceReferences(Supplier.class, "(" + PROPERTY + "=" + OWNER + ")");
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
        ServiceReference<Supplier> newest = null;
        for (ServiceReference<Supplier> r : refs) {
            if (newest == null || id(r) > id(newest)) {
                newest = r;
            }
        }
        if (newest == null) {
            return null;
        }
        Supplier<?> offer = context.getService(newest);
        if (offer == null) {
            return null;
        }
        long t0 = System.nanoTime();
        try {
            Object state = offer.get();
            LOG.info("VPN data plane taken over from its predecessor (format {}, stopped in {} ms)",
                    newest.getProperty(FORMAT), (System.nanoTime() - t0) / 1_000_000);
            return state instanceof Map ? (Map<String, Object>) state : null;
        } catch (RuntimeException | LinkageError e) {
            LOG.warn("VPN handover failed, starting afresh (swarms handshake again): {}", e.toString());
            return null;
        } finally {
            try {
                context.ungetService(newest);
            } catch (IllegalStateException e) {
                LOG.debug("offer already gone", e);
            }
        }
    }

    @Override
    public void offer(DataPlane plane, Duration timeout) {
        BundleContext system = context.getBundle(Constants.SYSTEM_BUNDLE_ID).getBundleContext();
        HandoverOffer offer = new HandoverOffer(plane::handover, plane::close, timeout);
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put(PROPERTY, OWNER);
        properties.put(FORMAT, VpnNode.HANDOVER_FORMAT);
        ServiceRegistration<?> registration = system.registerService(Supplier.class.getName(), offer, properties);
        offer.start(new Withdraw(registration));
        LOG.info("VPN data plane offered for a handover; still forwarding, closed in {} s unless taken",
                timeout.toSeconds());
    }

    private static long id(ServiceReference<?> r) {
        Object id = r.getProperty(Constants.SERVICE_ID);
        return id instanceof Long l ? l : 0;
    }

    /** Loads and initialises every class of {@code bundle}, so that code run after its revision is gone finds them. */
    private static void preload(Bundle bundle) {
        Enumeration<URL> entries = bundle.findEntries("io/peeros/vpn", "*.class", true);
        int loaded = 0;
        while (entries != null && entries.hasMoreElements()) {
            String path = entries.nextElement().getPath();
            String name = path.substring(path.startsWith("/") ? 1 : 0, path.length() - ".class".length()).replace('/', '.');
            try {
                Class.forName(name, true, bundle.loadClass(name).getClassLoader());
                loaded++;
            } catch (ClassNotFoundException | LinkageError e) {
                LOG.debug("cannot preload {}: {}", name, e.toString());
            }
        }
        LOG.debug("preloaded {} classes", loaded);
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
