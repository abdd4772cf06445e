package io.peeros.rest.internal;

import io.peeros.identity.api.Role;
import io.peeros.rest.internal.dto.NewSwarmDto;
import io.peeros.rest.internal.dto.SwarmDto;
import io.peeros.rest.internal.error.ApiException;
import io.peeros.rest.internal.security.RequiresRole;
import io.peeros.vpn.api.Swarm;
import io.peeros.vpn.api.SwarmService;
import io.peeros.vpn.api.SwarmSpec;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import javax.ws.rs.Consumes;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.UriBuilder;

/** {@code /swarms}: the VPN swarms this peer has joined, and joining one. */
@Path("/swarms")
@Produces(MediaType.APPLICATION_JSON)
@RequiresRole(Role.VIEWER)
@SecurityRequirement(name = OpenApi.BEARER)
public final class SwarmsResource {

    private final VpnServices services;

    SwarmsResource(VpnServices services) {
        this.services = services;
    }

    @GET
    public List<SwarmDto> list() {
        return services.swarms().list().stream().map(Swarms::toDto).toList();
    }

    /**
     * Joins a swarm: 201 with its location. A swarm already joined is reconciled to the members given (200);
     * its subnet cannot change.
     */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresRole(Role.OPERATOR)
    public Response join(NewSwarmDto request) {
        if (request.id() == null) {
            throw new ApiException(Response.Status.BAD_REQUEST, "FIELD_MISSING", "Field 'id' is required.");
        }
        SwarmService service = services.swarms();
        boolean joined = service.get(request.id()).isPresent();
        Swarm swarm = service.join(new SwarmSpec(request.id(), Swarms.members(request.members()),
                Optional.ofNullable(request.subnet()).map(String::strip)));
        if (joined) {
            return Response.ok(Swarms.toDto(swarm)).build();
        }
        URI location = UriBuilder.fromResource(SwarmsResource.class).path(swarm.id()).build();
        return Response.created(location).entity(Swarms.toDto(swarm)).build();
    }
}
