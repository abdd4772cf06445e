package io.peeros.rest.internal.error;

import io.peeros.identity.api.IdentityException;
import javax.ws.rs.core.Response;
import javax.ws.rs.ext.ExceptionMapper;

/** An {@link IdentityException} as its code, message and {@link ErrorStatus status}. */
public final class IdentityExceptionMapper implements ExceptionMapper<IdentityException> {

    @Override
    public Response toResponse(IdentityException e) {
        return DomainErrors.toResponse(e.code(), e);
    }
}
