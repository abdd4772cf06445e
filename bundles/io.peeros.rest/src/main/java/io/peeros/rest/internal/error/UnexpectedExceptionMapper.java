package io.peeros.rest.internal.error;

import java.util.UUID;
import javax.ws.rs.core.Response;
import javax.ws.rs.ext.ExceptionMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Anything no other mapper claims: 500 {@code INTERNAL}. The stack trace goes to the log under an incident id
 * that the body names, never into the body.
 */
public final class UnexpectedExceptionMapper implements ExceptionMapper<Throwable> {

    private static final Logger LOG = LoggerFactory.getLogger(UnexpectedExceptionMapper.class);

    @Override
    public Response toResponse(Throwable e) {
        String incident = UUID.randomUUID().toString().substring(0, 8);
        LOG.error("Unexpected failure, incident {}", incident, e);
        return ErrorResponses.of(Response.Status.INTERNAL_SERVER_ERROR, "INTERNAL",
                "Something went wrong on this peer; its log has the details under incident " + incident + ".");
    }
}
