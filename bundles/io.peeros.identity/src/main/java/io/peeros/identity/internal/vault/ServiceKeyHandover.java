package io.peeros.identity.internal.vault;

import java.time.Duration;
import java.util.Collection;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.Optional;
import java.util.function.Supplier;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.ServiceRegistration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The vault key handover through the OSGi service registry, as the VPN hands over its data plane: the offer is
 * registered with the system bundle's context (so it outlives this bundle's update) under the JDK type
 * {@code java.util.function.Supplier} with {@value #PROPERTY}={@value #OWNER}, and stands for {@link #TIMEOUT}.
 * Every bundle of the framework runs in this JVM and could read the key from memory anyway; the offer only
 * lives across the update.
 */
final class ServiceKeyHandover implements KeyHandover {

    static final String PROPERTY = "peeros.handover";
    static final String OWNER = "io.peeros.identity.vault";
    static final Duration TIMEOUT = Duration.ofSeconds(20);
    private static final Logger LOG = LoggerFactory.getLogger(ServiceKeyHandover.class);

    private final BundleContext context;

    ServiceKeyHandover(BundleContext context) {
        this.context = context;
    }

    @Override
    @SuppressWarnings("rawtypes")
    public Optional<byte[]> take() {
        Collection<ServiceReference<Supplier>> refs;
        try {
            refs = context.getServiceReferences(Supplier.class, "(" + PROPERTY + "=" + OWNER + ")");
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
        ServiceReference<Supplier> newest = refs.stream().max((x, y) -> Long.compare(id(x), id(y))).orElse(null);
        if (newest == null) {
            return Optional.empty();
        }
        Supplier<?> offer = context.getService(newest);
        try {
            Object key = offer == null ? null : offer.get();
            return key instanceof byte[] bytes ? Optional.of(bytes) : Optional.empty();
        } catch (RuntimeException e) {
            LOG.info("The vault key offered by the previous revision is gone ({}); opening the vault afresh",
                    e.getMessage());
            return Optional.empty();
        } finally {
            try {
                context.ungetService(newest);
            } catch (IllegalStateException e) {
                // the offer was withdrawn meanwhile
            }
        }
    }

    @Override
    public void offer(byte[] dataKey) {
        BundleContext system = context.getBundle(Constants.SYSTEM_BUNDLE_ID).getBundleContext();
        KeyOffer offer = new KeyOffer(dataKey, TIMEOUT.toMillis());
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put(PROPERTY, OWNER);
        ServiceRegistration<?> registration = system.registerService(Supplier.class.getName(), offer, properties);
        offer.start(new Withdraw(registration));
        LOG.info("Vault key offered to the next revision of the identity bundle for {} s", TIMEOUT.toSeconds());
    }

    private static long id(ServiceReference<?> r) {
        Object id = r.getProperty(Constants.SERVICE_ID);
        return id instanceof Long l ? l : 0;
    }

    /** Unregisters the offer (a named class, loaded with this one: nothing new is loaded when it runs). */
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
                // already unregistered (the framework is stopping)
            }
        }
    }
}
