package io.peeros.rest.internal.error;

import javax.ws.rs.core.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Turns a coded service exception into its error response; the peer's own failures are logged. */
final class DomainErrors {

    private static final Logger LOG = LoggerFactory.getLogger(DomainErrors.class);

    private DomainErrors() {
    }

    static Response toResponse(String code, RuntimeException e) {
        return toResponse(ErrorStatus.of(code), code, e);
    }

    static Response toResponse(int status, String code, RuntimeException e) {
        if (status >= 500 && status != 502 && status != 503 && status != 504) {
            LOG.error("Service failure {}: {}", code, e.getMessage(), e);
        } else {
            LOG.debug("Refused with {}: {}", code, e.getMessage());
        }
        return ErrorResponses.of(status, code == null ? "INTERNAL" : code, e.getMessage());
    }
}
