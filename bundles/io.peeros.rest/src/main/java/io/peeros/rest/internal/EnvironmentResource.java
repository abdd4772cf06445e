package io.peeros.rest.internal;

import io.peeros.container.api.Quota;
import io.peeros.environment.api.Environment;
import io.peeros.environment.api.EnvironmentService;
import io.peeros.identity.api.Role;
import io.peeros.rest.internal.dto.EnvironmentDto;
import io.peeros.rest.internal.dto.GroupQuotaDto;
import io.peeros.rest.internal.dto.OperationDto;
import io.peeros.rest.internal.dto.ResizeDto;
import io.peeros.rest.internal.error.ApiException;
import io.peeros.rest.internal.security.RequiresRole;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import java.util.Map;
import javax.ws.rs.Consumes;
import javax.ws.rs.DELETE;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;

/**
 * {@code /environments/{env}} (its id or name): one environment; growing, shrinking, resizing and destroying it in the
 * background (202, progress on {@code /environments/{id}/events}); cancelling what runs on it.
 */
@Path("/environments/{env}")
@Produces(MediaType.APPLICATION_JSON)
@RequiresRole(Role.OPERATOR)
@SecurityRequirement(name = OpenApi.BEARER)
public final class EnvironmentResource {

    private static final int MAX_COUNT = 100;

    private final EnvironmentServices services;
    private final EnvironmentOperations operations;
    private final ContainerServices containers;

    EnvironmentResource(EnvironmentServices services, EnvironmentOperations operations,
            ContainerServices containers) {
        this.services = services;
        this.operations = operations;
        this.containers = containers;
    }

    @GET
    @RequiresRole(Role.VIEWER)
    public EnvironmentDto get(@PathParam("env") String env) {
        return Environments.toDto(Environments.get(services.environments(), env));
    }

    /** Adds {@code count} containers to a group, placed as its blueprint says. */
    @POST
    @Path("grow")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response grow(@PathParam("env") String env, ResizeDto request) {
        EnvironmentService service = services.environments();
        String id = Environments.get(service, env).id();
        String group = group(request);
        int count = count(request);
        operations.run("grow of " + id, progress -> service.grow(id, group, count, progress).id());
        return EnvironmentsResource.accepted(id, "grow");
    }

    /** Removes the {@code count} newest containers of a group; at least one stays. */
    @POST
    @Path("shrink")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response shrink(@PathParam("env") String env, ResizeDto request) {
        EnvironmentService service = services.environments();
        String id = Environments.get(service, env).id();
        String group = group(request);
        int count = count(request);
        operations.run("shrink of " + id, progress -> service.shrink(id, group, count, progress).id());
        return EnvironmentsResource.accepted(id, "shrink");
    }

    /**
     * Gives a group's containers new limits on every peer, while they run: those of {@code sizeClass} (as this
     * peer defines it), overridden by the other fields; the limits left out stay as they are.
     */
    @POST
    @Path("resize")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response resize(@PathParam("env") String env, GroupQuotaDto request) {
        EnvironmentService service = services.environments();
        String id = Environments.get(service, env).id();
        if (request == null || request.group() == null || request.group().isBlank()) {
            throw new ApiException(Response.Status.BAD_REQUEST, "FIELD_MISSING", "Field 'group' is required: a "
                    + "group of the environment's blueprint.");
        }
        String group = request.group();
        Quota quota = Quotas.fromDto(request.quota(), request.quota().sizeClass() == null ? Map.of()
                : containers.quotas().sizeClasses());
        if (quota.isNone()) {
            throw new ApiException(Response.Status.BAD_REQUEST, "FIELD_MISSING", "Give a sizeClass or at least one "
                    + "limit (cpuPercent, memoryBytes, diskBytes, ...).");
        }
        operations.run("resize of " + id, progress -> service.resize(id, group, quota, progress).id());
        return EnvironmentsResource.accepted(id, "resize");
    }

    /** Removes every container, the swarm and the records from every peer. */
    @DELETE
    public Response destroy(@PathParam("env") String env) {
        EnvironmentService service = services.environments();
        Environment environment = Environments.get(service, env);
        String id = environment.id();
        operations.run("destroy of " + id, progress -> {
            service.destroy(id, progress);
            return id;
        });
        return EnvironmentsResource.accepted(id, "destroy");
    }

    /** Asks a running build to stop (it rolls back); 409 {@code NOTHING_RUNNING} when nothing runs on it. */
    @POST
    @Path("cancel")
    public OperationDto cancel(@PathParam("env") String env) {
        EnvironmentService service = services.environments();
        Environment environment = Environments.get(service, env);
        if (!service.cancel(environment.id())) {
            throw new ApiException(Response.Status.CONFLICT, "NOTHING_RUNNING", "Nothing runs on environment "
                    + environment.name() + " (" + Environments.lowerCase(environment.state()) + ").");
        }
        return new OperationDto(environment.id(), "cancel", Environments.lowerCase(environment.state()), null,
                "/environments/" + environment.id() + "/events");
    }

    private static String group(ResizeDto request) {
        if (request.group() == null || request.group().isBlank()) {
            throw new ApiException(Response.Status.BAD_REQUEST, "FIELD_MISSING", "Field 'group' is required: a "
                    + "group of the environment's blueprint.");
        }
        return request.group();
    }

    private static int count(ResizeDto request) {
        if (request.count() < 1 || request.count() > MAX_COUNT) {
            throw new ApiException(Response.Status.BAD_REQUEST, "FIELD_INVALID", "Field 'count' must be 1 to "
                    + MAX_COUNT + ".");
        }
        return request.count();
    }
}
