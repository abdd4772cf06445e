package io.peeros.rest.internal.security;

import io.peeros.rest.internal.error.ErrorResponses;
import javax.servlet.http.HttpServletRequest;
import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.container.ContainerRequestFilter;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.Response;
import org.apache.cxf.jaxrs.utils.JAXRSUtils;
import org.apache.cxf.message.Message;
import org.apache.cxf.transport.http.AbstractHTTPDestination;

/**
 * Answers 429 with {@code Retry-After} when the calling address has used up its {@link RateLimiter} bucket.
 * The address is the TCP peer's: the REST ports face clients directly, so no forwarding header is believed.
 */
final class RateLimitFilter implements ContainerRequestFilter {

    private final RateLimiter limiter;

    RateLimitFilter(RateLimiter limiter) {
        this.limiter = limiter;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        long wait = limiter.acquire(clientAddress());
        if (wait > 0) {
            Response refusal = ErrorResponses.of(Response.Status.TOO_MANY_REQUESTS, "TOO_MANY_REQUESTS",
                    "Too many requests from this address; try again in " + wait + " s.");
            request.abortWith(Response.fromResponse(refusal).header(HttpHeaders.RETRY_AFTER, wait).build());
        }
    }

    private static String clientAddress() {
        Message message = JAXRSUtils.getCurrentMessage();
        Object http = message == null ? null : message.get(AbstractHTTPDestination.HTTP_REQUEST);
        return http instanceof HttpServletRequest servlet ? servlet.getRemoteAddr() : "unknown";
    }
}
