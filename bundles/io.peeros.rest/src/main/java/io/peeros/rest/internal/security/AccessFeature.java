package io.peeros.rest.internal.security;

import io.peeros.identity.api.TokenService;
import io.peeros.rest.internal.error.ErrorResponses;
import java.lang.reflect.Method;
import javax.ws.rs.Priorities;
import javax.ws.rs.container.ContainerRequestFilter;
import javax.ws.rs.container.DynamicFeature;
import javax.ws.rs.container.ResourceInfo;
import javax.ws.rs.core.FeatureContext;
import javax.ws.rs.core.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Binds each resource method of the public port to the filters its {@link AccessRule} and
 * {@link RateLimited} call for: bearer authentication with a least role, the per-address rate limit, or a
 * refusal.
 */
public final class AccessFeature implements DynamicFeature {

    private static final Logger LOG = LoggerFactory.getLogger(AccessFeature.class);

    private final TokenService tokens;
    private final RateLimitFilter rateLimit;

    public AccessFeature(TokenService tokens, RateLimiter limiter) {
        this.tokens = tokens;
        this.rateLimit = new RateLimitFilter(limiter);
    }

    @Override
    public void configure(ResourceInfo resource, FeatureContext context) {
        Class<?> type = resource.getResourceClass();
        Method method = resource.getResourceMethod();
        if (method.isAnnotationPresent(RateLimited.class)) {
            context.register(rateLimit, Priorities.AUTHENTICATION - 100);
        }
        AccessRule rule = AccessRule.of(type, method);
        switch (rule.kind()) {
            case ROLE -> context.register(new BearerAuthFilter(tokens, rule.role().orElseThrow()),
                    Priorities.AUTHENTICATION);
            case OPEN -> {
                // nothing to check
            }
            case REFUSED -> {
                LOG.warn("{}.{} declares no access rule for the public port: every call is refused",
                        type.getName(), method.getName());
                context.register(refuse(), Priorities.AUTHENTICATION);
            }
            default -> throw new IllegalStateException("unhandled rule " + rule);
        }
    }

    private static ContainerRequestFilter refuse() {
        return request -> request.abortWith(ErrorResponses.of(Response.Status.FORBIDDEN, "ACCESS_REFUSED",
                "This operation is not available on this port."));
    }
}
