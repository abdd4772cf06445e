package io.peeros.rest.internal.error;

import io.peeros.vpn.api.VpnException;
import javax.ws.rs.core.Response;
import javax.ws.rs.ext.ExceptionMapper;

/** A {@link VpnException} as its code, message and {@link VpnErrorStatus status}. */
public final class VpnExceptionMapper implements ExceptionMapper<VpnException> {

    @Override
    public Response toResponse(VpnException e) {
        return DomainErrors.toResponse(VpnErrorStatus.of(e.code()), e.code(), e);
    }
}
