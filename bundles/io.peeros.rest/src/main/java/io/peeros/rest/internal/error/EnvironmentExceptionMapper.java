package io.peeros.rest.internal.error;

import io.peeros.environment.api.EnvironmentException;
import javax.ws.rs.core.Response;
import javax.ws.rs.ext.ExceptionMapper;

/** An {@link EnvironmentException} as its code, message and {@link EnvironmentErrorStatus status}. */
public final class EnvironmentExceptionMapper implements ExceptionMapper<EnvironmentException> {

    @Override
    public Response toResponse(EnvironmentException e) {
        return DomainErrors.toResponse(EnvironmentErrorStatus.of(e.code()), e.code(), e);
    }
}
