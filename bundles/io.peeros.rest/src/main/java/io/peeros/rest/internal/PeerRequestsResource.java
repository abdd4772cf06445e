package io.peeros.rest.internal;

import io.peeros.identity.api.Role;
import io.peeros.registry.api.PeerRegistry;
import io.peeros.registry.api.RegistrationRequest;
import io.peeros.rest.internal.dto.RegistrationRequestDto;
import io.peeros.rest.internal.security.RequiresRole;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import java.util.List;
import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;

/**
 * {@code /peers/requests}: registrations other peers asked for, oldest first. Its literal path wins over
 * {@code /peers/{id}} in JAX-RS matching, so "requests" is never taken for a peer id.
 */
@Path("/peers/requests")
@Produces(MediaType.APPLICATION_JSON)
@RequiresRole(Role.VIEWER)
@SecurityRequirement(name = OpenApi.BEARER)
public final class PeerRequestsResource {

    private final PeerRegistry registry;

    PeerRequestsResource(PeerRegistry registry) {
        this.registry = registry;
    }

    @GET
    public List<RegistrationRequestDto> list() {
        return registry.requests().stream().map(PeerRequestsResource::toDto).toList();
    }

    private static RegistrationRequestDto toDto(RegistrationRequest request) {
        return new RegistrationRequestDto(request.peerId(), request.name(), Iso8601.of(request.publicUrl()),
                request.certificateFingerprint(), Iso8601.of(request.received()), Iso8601.of(request.expires()),
                request.triesLeft());
    }
}
