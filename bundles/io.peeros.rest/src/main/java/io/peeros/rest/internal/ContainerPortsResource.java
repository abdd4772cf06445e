package io.peeros.rest.internal;

import io.peeros.container.api.ContainerException;
import io.peeros.container.api.PortMapping;
import io.peeros.identity.api.Role;
import io.peeros.rest.internal.dto.PortMappingDto;
import io.peeros.rest.internal.security.RequiresRole;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import java.net.URI;
import java.util.List;
import javax.ws.rs.Consumes;
import javax.ws.rs.DELETE;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.UriBuilder;

/**
 * {@code /containers/{name}/ports}: host ports forwarded to the container. A mapping is addressed as
 * {@code /containers/{name}/ports/{protocol}/{hostPort}}; it goes with the container.
 */
@Path("/containers/{name}/ports")
@Produces(MediaType.APPLICATION_JSON)
@RequiresRole(Role.OPERATOR)
@SecurityRequirement(name = OpenApi.BEARER)
public final class ContainerPortsResource {

    private final ContainerServices services;

    ContainerPortsResource(ContainerServices services) {
        this.services = services;
    }

    @GET
    @RequiresRole(Role.VIEWER)
    public List<PortMappingDto> list(@PathParam("name") String name) {
        return services.manager().ports(name).stream().map(Containers::toDto).toList();
    }

    /** Forwards {@code hostPort} to {@code containerPort}; 409 {@code PORT_TAKEN} when the host port is held. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response map(@PathParam("name") String name, PortMappingDto request) {
        PortMapping.Protocol protocol = protocol(request.protocol());
        PortMapping mapping = services.manager().mapPort(name, protocol,
                request.hostPort(), request.containerPort());
        URI location = UriBuilder.fromResource(ContainerPortsResource.class).path("{protocol}/{hostPort}")
                .build(name, mapping.protocol().lowerCase(), mapping.hostPort());
        return Response.created(location).entity(Containers.toDto(mapping)).build();
    }

    @DELETE
    @Path("{protocol}/{hostPort}")
    public void unmap(@PathParam("name") String name, @PathParam("protocol") String protocol,
            @PathParam("hostPort") int hostPort) {
        PortMapping.Protocol parsed = protocol(protocol);
        services.manager().unmapPort(name, parsed, hostPort);
    }

    private static PortMapping.Protocol protocol(String text) {
        try {
            return PortMapping.Protocol.parse(text);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new ContainerException(ContainerException.INVALID_REQUEST, "Protocol '" + text
                    + "' is neither tcp nor udp.");
        }
    }
}
