package io.peeros.rest.internal;

import io.peeros.environment.api.Blueprint;
import io.peeros.environment.api.BlueprintParser;
import io.peeros.environment.api.EnvironmentService;
import io.peeros.identity.api.Role;
import io.peeros.rest.internal.dto.EnvironmentDto;
import io.peeros.rest.internal.dto.NewEnvironmentDto;
import io.peeros.rest.internal.dto.OperationDto;
import io.peeros.rest.internal.error.ApiException;
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

/**
 * {@code /environments}: the environments this peer built, and building one from a blueprint. A build runs in
 * the background: the answer is 202 with its location as soon as it has started, and
 * {@code /environments/{id}/events} streams its progress.
 */
@Path("/environments")
@Produces(MediaType.APPLICATION_JSON)
@RequiresRole(Role.VIEWER)
@SecurityRequirement(name = OpenApi.BEARER)
public final class EnvironmentsResource {

    /** The path whose bodies may hold a whole blueprint. */
    static final String PATH = "environments";

    private final EnvironmentServices services;
    private final EnvironmentOperations operations;

    EnvironmentsResource(EnvironmentServices services, EnvironmentOperations operations) {
        this.services = services;
        this.operations = operations;
    }

    @GET
    public List<EnvironmentDto> list() {
        return services.environments().list().stream().map(Environments::toDto).toList();
    }

    /**
     * Parses the blueprint (400 {@code BLUEPRINT_INVALID} with every error) and plans it: with {@code dryRun}
     * 200 with the plan, otherwise 202 once the build has started.
     */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresRole(Role.OPERATOR)
    public Response build(NewEnvironmentDto request) {
        if (request.fileName() == null || request.fileName().isBlank()) {
            throw new ApiException(Response.Status.BAD_REQUEST, "FIELD_MISSING", "Field 'fileName' is required, "
                    + "e.g. \"web.yaml\".");
        }
        if (request.blueprint() == null) {
            throw new ApiException(Response.Status.BAD_REQUEST, "FIELD_MISSING", "Field 'blueprint' is required: "
                    + "the blueprint's text.");
        }
        BlueprintParser parser = services.parser();
        EnvironmentService service = services.environments();
        Blueprint blueprint = parser.parse(request.fileName(), request.blueprint(), request.variables());
        if (request.dryRun()) {
            return Response.ok(Environments.toDto(service.plan(blueprint))).build();
        }
        boolean keep = request.keepOnFailure();
        String id = operations.run("build of " + blueprint.name(),
                progress -> service.build(blueprint, keep, progress).id());
        return accepted(id, "build");
    }

    /** 202 with the environment's location and where its events stream. */
    static Response accepted(String id, String operation) {
        URI location = UriBuilder.fromResource(EnvironmentsResource.class).path(id).build();
        URI events = UriBuilder.fromResource(EnvironmentsResource.class).path(id).path("events").build();
        return Response.accepted(new OperationDto(id, operation, null, null, events.toString()))
                .location(location).build();
    }
}
