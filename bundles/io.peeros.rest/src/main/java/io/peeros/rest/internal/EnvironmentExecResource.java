package io.peeros.rest.internal;

import io.peeros.container.api.ExecResult;
import io.peeros.environment.api.EnvironmentService;
import io.peeros.identity.api.Role;
import io.peeros.rest.internal.dto.ExecDto;
import io.peeros.rest.internal.dto.ExecResultDto;
import io.peeros.rest.internal.security.RequiresRole;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import javax.ws.rs.Consumes;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;

/**
 * {@code /environments/{env}/containers/{container}/exec}: runs a command in a container of an environment, on
 * whichever peer hosts it. The body and answer are those of {@code /containers/{name}/exec}.
 */
@Path("/environments/{env}/containers/{container}/exec")
@Produces(MediaType.APPLICATION_JSON)
@RequiresRole(Role.OPERATOR)
@SecurityRequirement(name = OpenApi.BEARER)
public final class EnvironmentExecResource {

    private final EnvironmentServices services;

    EnvironmentExecResource(EnvironmentServices services) {
        this.services = services;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public ExecResultDto exec(@PathParam("env") String env, @PathParam("container") String container,
            ExecDto body) {
        EnvironmentService service = services.environments();
        ExecResult result = service.exec(env, container, ContainerExecResource.request(body));
        return new ExecResultDto(result.exitCode(), result.stdout(), result.stderr(), result.truncated());
    }
}
