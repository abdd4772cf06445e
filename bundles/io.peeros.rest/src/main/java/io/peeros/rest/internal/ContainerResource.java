package io.peeros.rest.internal;

import io.peeros.container.api.ContainerInfo;
import io.peeros.container.api.ContainerManager;
import io.peeros.identity.api.Role;
import io.peeros.rest.internal.dto.CloneDto;
import io.peeros.rest.internal.dto.ContainerDto;
import io.peeros.rest.internal.dto.HostnameDto;
import io.peeros.rest.internal.error.ApiException;
import io.peeros.rest.internal.security.RequiresRole;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import java.net.URI;
import java.time.Duration;
import javax.ws.rs.Consumes;
import javax.ws.rs.DELETE;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.PUT;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.UriBuilder;

/**
 * {@code /containers/{name}}: one container, its lifecycle ({@code start}, {@code stop}, {@code restart},
 * {@code freeze}, {@code unfreeze}), its hostname, cloning and destruction. Each operation answers the container as it is
 * afterwards.
 */
@Path("/containers/{name}")
@Produces(MediaType.APPLICATION_JSON)
@RequiresRole(Role.OPERATOR)
@SecurityRequirement(name = OpenApi.BEARER)
public final class ContainerResource {

    private final ContainerServices services;

    ContainerResource(ContainerServices services) {
        this.services = services;
    }

    @GET
    @RequiresRole(Role.VIEWER)
    public ContainerDto get(@PathParam("name") String name) {
        return Containers.toDto(manager().info(name));
    }

    /** Stops the container if it runs and removes it with its files. */
    @DELETE
    public void destroy(@PathParam("name") String name) {
        manager().destroy(name);
    }

    @POST
    @Path("start")
    public ContainerDto start(@PathParam("name") String name) {
        return Containers.toDto(manager().start(name));
    }

    /** A clean halt that may take {@code timeout} seconds (the manager's default if absent), then a kill. */
    @POST
    @Path("stop")
    public ContainerDto stop(@PathParam("name") String name,
            @Parameter(description = "Seconds a clean halt may take") @QueryParam("timeout") Double timeout,
            @Parameter(description = "Kill at once") @QueryParam("kill") boolean kill) {
        if (kill && timeout != null) {
            throw new ApiException(Response.Status.BAD_REQUEST, "INVALID_REQUEST",
                    "Give either 'kill' or 'timeout'.");
        }
        Duration wait = kill ? Duration.ZERO : Containers.seconds(timeout, "timeout");
        return Containers.toDto(manager().stop(name, wait));
    }

    @POST
    @Path("restart")
    public ContainerDto restart(@PathParam("name") String name) {
        return Containers.toDto(manager().restart(name));
    }

    @POST
    @Path("freeze")
    public ContainerDto freeze(@PathParam("name") String name) {
        return Containers.toDto(manager().freeze(name));
    }

    @POST
    @Path("unfreeze")
    public ContainerDto unfreeze(@PathParam("name") String name) {
        return Containers.toDto(manager().unfreeze(name));
    }

    /** A stopped copy-on-write clone of this stopped container. */
    @POST
    @Path("clone")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response cloneContainer(@PathParam("name") String name, CloneDto request) {
        ContainerInfo clone = manager().clone(name, request.name());
        URI location = UriBuilder.fromResource(ContainersResource.class).path(clone.name()).build();
        return Response.created(location).entity(Containers.toDto(clone)).build();
    }

    /** Sets the hostname: at once on a running container, at the next start on a stopped one. */
    @PUT
    @Path("hostname")
    @Consumes(MediaType.APPLICATION_JSON)
    public ContainerDto hostname(@PathParam("name") String name, HostnameDto request) {
        return Containers.toDto(manager().setHostname(name, request.hostname()));
    }

    private ContainerManager manager() {
        return services.manager();
    }
}
