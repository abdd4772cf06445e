package io.peeros.rest.internal.error;

import io.peeros.environment.api.BlueprintException;
import io.peeros.rest.internal.dto.BlueprintErrorDto;
import io.peeros.rest.internal.dto.BlueprintProblemDto;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.ext.ExceptionMapper;

/** A refused blueprint as 400 {@code BLUEPRINT_INVALID} with every error, located, in the body. */
public final class BlueprintExceptionMapper implements ExceptionMapper<BlueprintException> {

    @Override
    public Response toResponse(BlueprintException e) {
        return Response.status(Response.Status.BAD_REQUEST).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(body(e)).build();
    }

    static BlueprintProblemDto body(BlueprintException e) {
        return new BlueprintProblemDto(e.code(), e.getMessage(), Response.Status.BAD_REQUEST.getStatusCode(),
                e.errors().stream().map(x -> new BlueprintErrorDto(x.file(), x.line(), x.column(), x.path(),
                        x.message())).toList(), e.omitted());
    }
}
