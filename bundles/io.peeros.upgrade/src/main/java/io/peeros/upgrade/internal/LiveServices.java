package io.peeros.upgrade.internal;

import java.util.Optional;
import java.util.function.Function;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;

/**
 * Services looked up at the moment they are used and released right after. An upgrade replaces the very bundles
 * that provide them (or this one), so nothing here holds a service across a deployment; a service that is not
 * registered at that moment is simply absent.
 */
final class LiveServices {

    private final BundleContext context;

    LiveServices(BundleContext context) {
        this.context = context;
    }

    /**
     * Why no service of {@code type} is usable now, for a failed check: none registered, or registered but not
     * visible to this bundle (wired to another exporter of its package).
     */
    String absence(Class<?> type) {
        try {
            ServiceReference<?>[] all = context.getAllServiceReferences(type.getName(), null);
            if (all == null) {
                return "no " + type.getSimpleName() + " service is registered";
            }
            return all.length + " " + type.getSimpleName() + " service(s) registered, none usable by "
                    + context.getBundle().getSymbolicName() + "/" + context.getBundle().getVersion() + " (bundle "
                    + context.getBundle().getBundleId() + ", state " + context.getBundle().getState()
                    + "; provider bundle " + all[0].getBundle().getBundleId() + ")";
        } catch (Exception e) {
            return "cannot look up " + type.getSimpleName() + ": " + e;
        }
    }

    /** {@code use} applied to the service of {@code type}, or empty when none is registered now. */
    <T, R> Optional<R> with(Class<T> type, Function<T, R> use) {
        ServiceReference<T> reference;
        try {
            reference = context.getServiceReference(type);
        } catch (IllegalStateException e) {
            return Optional.empty();
        }
        if (reference == null) {
            return Optional.empty();
        }
        T service = context.getService(reference);
        if (service == null) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(use.apply(service));
        } finally {
            try {
                context.ungetService(reference);
            } catch (IllegalStateException e) {
                // this bundle is stopping: the framework releases its services itself
            }
        }
    }
}
