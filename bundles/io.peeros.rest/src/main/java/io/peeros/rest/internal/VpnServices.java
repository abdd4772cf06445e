package io.peeros.rest.internal;

import io.peeros.rest.internal.error.ApiException;
import io.peeros.vpn.api.SwarmService;
import java.util.concurrent.atomic.AtomicReference;
import javax.ws.rs.core.Response;

/**
 * The swarm service as it comes and goes. The REST server binds it dynamically, so the rest of the API keeps
 * serving without it; a swarm call made while it is absent answers 503.
 */
final class VpnServices {

    /** The code of a swarm call made while no swarm service runs. */
    static final String UNAVAILABLE = "VPN_UNAVAILABLE";

    private final AtomicReference<SwarmService> swarms = new AtomicReference<>();

    /** The swarm service, or 503 {@value #UNAVAILABLE}. */
    SwarmService swarms() {
        SwarmService service = swarms.get();
        if (service == null) {
            throw new ApiException(Response.Status.SERVICE_UNAVAILABLE, UNAVAILABLE, "No VPN service runs on this"
                    + " peer (is the PeerOS VPN bundle installed and started?); try again later.");
        }
        return service;
    }

    void bind(SwarmService service) {
        swarms.set(service);
    }

    /** Forgets {@code service} unless another one has replaced it already. */
    void unbind(SwarmService service) {
        swarms.compareAndSet(service, null);
    }
}
