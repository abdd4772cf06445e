package io.peeros.rest.internal;

import io.peeros.identity.api.Role;
import io.peeros.rest.internal.dto.MembersDto;
import io.peeros.rest.internal.dto.SwarmDto;
import io.peeros.rest.internal.security.RequiresRole;
import io.peeros.vpn.api.Swarm;
import io.peeros.vpn.api.SwarmService;
import io.peeros.vpn.api.SwarmSpec;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import javax.ws.rs.Consumes;
import javax.ws.rs.DELETE;
import javax.ws.rs.GET;
import javax.ws.rs.PUT;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;

/**
 * {@code /swarms/{id}}: one joined swarm with its members, paths and traffic; setting its members; leaving it.
 */
@Path("/swarms/{id}")
@Produces(MediaType.APPLICATION_JSON)
@RequiresRole(Role.OPERATOR)
@SecurityRequirement(name = OpenApi.BEARER)
public final class SwarmResource {

    private final VpnServices services;

    SwarmResource(VpnServices services) {
        this.services = services;
    }

    @GET
    @RequiresRole(Role.VIEWER)
    public SwarmDto get(@PathParam("id") String id) {
        return Swarms.toDto(Swarms.get(services.swarms(), id));
    }

    /**
     * Sets the members: new ones are admitted, those left out are cut off at once. The swarm keeps its subnet.
     */
    @PUT
    @Path("members")
    @Consumes(MediaType.APPLICATION_JSON)
    public SwarmDto members(@PathParam("id") String id, MembersDto request) {
        SwarmService service = services.swarms();
        Swarm current = Swarms.get(service, id);
        return Swarms.toDto(service.join(new SwarmSpec(id, Swarms.members(request.members()), current.subnet())));
    }

    /** Leaves the swarm: its sessions are closed, its keys destroyed and its interfaces removed. */
    @DELETE
    public void leave(@PathParam("id") String id) {
        if (!services.swarms().leave(id)) {
            throw Swarms.notFound(id);
        }
    }
}
