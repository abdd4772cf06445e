package io.peeros.rest.internal;

import io.peeros.container.api.ExecRequest;
import io.peeros.container.api.ExecResult;
import io.peeros.identity.api.Role;
import io.peeros.rest.internal.dto.ExecDto;
import io.peeros.rest.internal.dto.ExecResultDto;
import io.peeros.rest.internal.error.ApiException;
import io.peeros.rest.internal.security.RequiresRole;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import java.util.Map;
import javax.ws.rs.Consumes;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;

/** {@code /containers/{name}/exec}: runs a command in a running container and answers what it did. */
@Path("/containers/{name}/exec")
@Produces(MediaType.APPLICATION_JSON)
@RequiresRole(Role.OPERATOR)
@SecurityRequirement(name = OpenApi.BEARER)
public final class ContainerExecResource {

    private final ContainerServices services;

    ContainerExecResource(ContainerServices services) {
        this.services = services;
    }

    /** Waits for the command; a timeout answers 504 {@code EXEC_TIMEOUT}. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public ExecResultDto exec(@PathParam("name") String name, ExecDto body) {
        ExecResult result = services.manager().exec(name, request(body));
        return new ExecResultDto(result.exitCode(), result.stdout(), result.stderr(), result.truncated());
    }

    static ExecRequest request(ExecDto body) {
        if (body.command() == null || body.command().isEmpty() || body.command().contains(null)) {
            throw new ApiException(Response.Status.BAD_REQUEST, "FIELD_MISSING",
                    "Field 'command' is required: the program and its arguments, e.g. [\"ls\", \"-l\"].");
        }
        for (Map.Entry<String, String> variable : body.env().entrySet()) {
            if (variable.getKey().isEmpty() || variable.getKey().contains("=") || variable.getValue() == null) {
                throw new ApiException(Response.Status.BAD_REQUEST, "FIELD_INVALID", "Field 'env' must map names"
                        + " without '=' to string values; '" + variable.getKey() + "' does not.");
            }
        }
        return new ExecRequest(body.command(), body.env(), body.cwd(), body.user(),
                Containers.seconds(body.timeout(), "timeout"));
    }
}
