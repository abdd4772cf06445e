package io.peeros.rest.internal.error;

import javax.ws.rs.core.Response;
import javax.ws.rs.ext.ExceptionMapper;

/** An {@link ApiException} as its error body; a 401 carries the bearer challenge. */
public final class ApiExceptionMapper implements ExceptionMapper<ApiException> {

    @Override
    public Response toResponse(ApiException e) {
        if (e.status() == Response.Status.UNAUTHORIZED.getStatusCode()) {
            return ErrorResponses.unauthorized(e.code(), e.getMessage(), null);
        }
        return ErrorResponses.of(e.status(), e.code(), e.getMessage());
    }
}
