package io.peeros.rest.internal.error;

import io.peeros.upgrade.api.UpgradeException;
import java.util.Map;
import javax.ws.rs.core.Response;
import javax.ws.rs.ext.ExceptionMapper;

/**
 * An {@link UpgradeException} as its code, message and status: a refused archive or request 400 (too large 413),
 * an unknown version 404, another upgrade running 409, a peer that cannot serve the archive 502, a failed install
 * 500.
 */
public final class UpgradeExceptionMapper implements ExceptionMapper<UpgradeException> {

    private static final Map<String, Integer> STATUS = Map.of(
            UpgradeException.ARCHIVE_TOO_LARGE, 413,
            UpgradeException.VERSION_UNKNOWN, 404,
            UpgradeException.BUSY, 409,
            UpgradeException.PEER_UNAVAILABLE, 502,
            UpgradeException.INSTALL_FAILED, 500);

    @Override
    public Response toResponse(UpgradeException e) {
        return DomainErrors.toResponse(STATUS.getOrDefault(e.code(), 400), e.code(), e);
    }
}
