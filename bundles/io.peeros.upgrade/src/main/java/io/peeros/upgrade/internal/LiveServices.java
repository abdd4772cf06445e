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
