package io.peeros.rest.internal;

import io.peeros.environment.api.BlueprintParser;
import io.peeros.environment.api.EnvironmentService;
import io.peeros.environment.api.peer.EnvironmentAgent;
import io.peeros.rest.internal.error.ApiException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import javax.ws.rs.core.Response;

/**
 * The environment services as they come and go. The REST server binds them dynamically; an environment call
 * made while the one it needs is absent answers 503 {@value #UNAVAILABLE}.
 */
final class EnvironmentServices {

    /** The code of an environment call made while the service it needs does not run. */
    static final String UNAVAILABLE = "ENVIRONMENTS_UNAVAILABLE";

    private final AtomicReference<EnvironmentService> environments = new AtomicReference<>();
    private final AtomicReference<BlueprintParser> parser = new AtomicReference<>();
    private final AtomicReference<EnvironmentAgent> agent = new AtomicReference<>();
    private final EnvironmentOperations operations = new EnvironmentOperations(Duration.ofSeconds(5));

    /** The background runner of builds, grows, shrinks and destroys; the server starts and stops it. */
    EnvironmentOperations operations() {
        return operations;
    }

    EnvironmentService environments() {
        return present(environments.get(), "environment service");
    }

    BlueprintParser parser() {
        return present(parser.get(), "blueprint parser");
    }

    EnvironmentAgent agent() {
        return present(agent.get(), "environment agent");
    }

    void bind(EnvironmentService service) {
        environments.set(service);
    }

    void unbind(EnvironmentService service) {
        environments.compareAndSet(service, null);
    }

    void bind(BlueprintParser service) {
        parser.set(service);
    }

    void unbind(BlueprintParser service) {
        parser.compareAndSet(service, null);
    }

    void bind(EnvironmentAgent service) {
        agent.set(service);
    }

    void unbind(EnvironmentAgent service) {
        agent.compareAndSet(service, null);
    }

    private static <T> T present(T service, String what) {
        if (service == null) {
            throw new ApiException(Response.Status.SERVICE_UNAVAILABLE, UNAVAILABLE, "No " + what + " runs on this"
                    + " peer (is the PeerOS environment bundle installed and started?); try again later.");
        }
        return service;
    }
}
