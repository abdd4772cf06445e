package io.peeros.rest.internal.error;

import io.peeros.container.api.ContainerException;
import javax.ws.rs.core.Response;
import javax.ws.rs.ext.ExceptionMapper;

/**
 * A {@link ContainerException} (a {@link io.peeros.container.api.TemplateException} included) as its code,
 * message and {@link ContainerErrorStatus status}.
 */
public final class ContainerExceptionMapper implements ExceptionMapper<ContainerException> {

    @Override
    public Response toResponse(ContainerException e) {
        return DomainErrors.toResponse(ContainerErrorStatus.of(e.code()), e.code(), e);
    }
}
