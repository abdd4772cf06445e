package io.peeros.rest.internal.error;

import io.peeros.registry.api.RegistryException;
import javax.ws.rs.core.Response;
import javax.ws.rs.ext.ExceptionMapper;

/** A {@link RegistryException} as its code, message and {@link ErrorStatus status}. */
public final class RegistryExceptionMapper implements ExceptionMapper<RegistryException> {

    @Override
    public Response toResponse(RegistryException e) {
        return DomainErrors.toResponse(e.code(), e);
    }
}
