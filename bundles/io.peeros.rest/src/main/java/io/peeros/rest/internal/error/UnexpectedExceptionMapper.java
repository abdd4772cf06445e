package io.peeros.rest.internal.error;

import java.io.IOException;
import java.util.UUID;
import javax.ws.rs.core.Response;
import javax.ws.rs.ext.ExceptionMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Anything no other mapper claims: 500 {@code INTERNAL}. The stack trace goes to the log under an incident id
 * that the body names, never into the body. A failing connection is only worth a debug line.
 */
public final class UnexpectedExceptionMapper implements ExceptionMapper<Throwable> {

    private static final Logger LOG = LoggerFactory.getLogger(UnexpectedExceptionMapper.class);

    @Override
    public Response toResponse(Throwable e) {
        if (e instanceof IOException) {
            // JSON errors have their own mapper: this is the connection failing, mostly a client gone away
            LOG.debug("Cannot read the request or write the answer: {}", e.toString());
            return ErrorResponses.of(Response.Status.BAD_REQUEST, "REQUEST_UNREADABLE",
                    "The request could not be read or answered: " + e.getMessage());
        }
        String incident = UUID.randomUUID().toString().substring(0, 8);
        LOG.error("Unexpected failure, incident {}", incident, e);
        return ErrorResponses.of(Response.Status.INTERNAL_SERVER_ERROR, "INTERNAL",
                "Something went wrong on this peer; its log has the details under incident " + incident + ".");
    }
}
