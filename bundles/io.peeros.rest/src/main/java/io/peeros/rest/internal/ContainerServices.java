package io.peeros.rest.internal;

import io.peeros.container.api.ContainerManager;
import io.peeros.container.api.MetricsService;
import io.peeros.container.api.QuotaService;
import io.peeros.container.api.TemplateStore;
import io.peeros.rest.internal.error.ApiException;
import java.util.concurrent.atomic.AtomicReference;
import javax.ws.rs.core.Response;

/**
 * The container services as they come and go. The REST server binds them dynamically, so the peers and users
 * API keeps serving without them; a container or template call made while its service is absent answers 503.
 */
final class ContainerServices {

    private final AtomicReference<ContainerManager> manager = new AtomicReference<>();
    private final AtomicReference<TemplateStore> templates = new AtomicReference<>();
    private final AtomicReference<QuotaService> quotas = new AtomicReference<>();
    private final AtomicReference<MetricsService> metrics = new AtomicReference<>();

    /** The container manager, or 503 {@code CONTAINERS_UNAVAILABLE}. */
    ContainerManager manager() {
        return present(manager.get(), "CONTAINERS_UNAVAILABLE", "No container manager runs on this peer");
    }

    /** The template store, or 503 {@code TEMPLATES_UNAVAILABLE}. */
    TemplateStore templates() {
        return present(templates.get(), "TEMPLATES_UNAVAILABLE", "No template store runs on this peer");
    }

    /** The quota service, or 503 {@code QUOTAS_UNAVAILABLE}. */
    QuotaService quotas() {
        return present(quotas.get(), "QUOTAS_UNAVAILABLE", "No quota service runs on this peer");
    }

    /** The metrics service, or 503 {@code METRICS_UNAVAILABLE}. */
    MetricsService metrics() {
        return present(metrics.get(), "METRICS_UNAVAILABLE", "No metrics service runs on this peer");
    }

    void bind(ContainerManager service) {
        manager.set(service);
    }

    /** Forgets {@code service} unless another one has replaced it already. */
    void unbind(ContainerManager service) {
        manager.compareAndSet(service, null);
    }

    void bind(TemplateStore service) {
        templates.set(service);
    }

    void unbind(TemplateStore service) {
        templates.compareAndSet(service, null);
    }

    void bind(QuotaService service) {
        quotas.set(service);
    }

    void unbind(QuotaService service) {
        quotas.compareAndSet(service, null);
    }

    void bind(MetricsService service) {
        metrics.set(service);
    }

    void unbind(MetricsService service) {
        metrics.compareAndSet(service, null);
    }

    private static <T> T present(T service, String code, String what) {
        if (service == null) {
            throw new ApiException(Response.Status.SERVICE_UNAVAILABLE, code, what + " (is the PeerOS container"
                    + " bundle installed and started?); try again later.");
        }
        return service;
    }
}
