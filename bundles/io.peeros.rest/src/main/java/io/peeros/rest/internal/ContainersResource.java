package io.peeros.rest.internal;

import io.peeros.container.api.ContainerInfo;
import io.peeros.container.api.Template;
import io.peeros.identity.api.Role;
import io.peeros.rest.internal.dto.ContainerDto;
import io.peeros.rest.internal.dto.NewContainerDto;
import io.peeros.rest.internal.security.RequiresRole;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import java.net.URI;
import java.util.List;
import javax.ws.rs.Consumes;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.UriBuilder;

/** {@code /containers}: the containers of this peer, and creating one from a stored template. */
@Path("/containers")
@Produces(MediaType.APPLICATION_JSON)
@RequiresRole(Role.VIEWER)
@SecurityRequirement(name = OpenApi.BEARER)
public final class ContainersResource {

    private final ContainerServices services;

    ContainersResource(ContainerServices services) {
        this.services = services;
    }

    @GET
    public List<ContainerDto> list() {
        return services.manager().list().stream().map(Containers::toDto).toList();
    }

    /** Creates a stopped container from the newest version of a template, or the version named. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresRole(Role.OPERATOR)
    public Response create(NewContainerDto request) {
        String[] ref = Containers.templateRef(request.template());
        Template template = services.templates().get(ref[0], ref[1]);
        ContainerInfo created = services.manager().create(request.name(), template);
        URI location = UriBuilder.fromResource(ContainersResource.class).path(created.name()).build();
        return Response.created(location).entity(Containers.toDto(created)).build();
    }
}
