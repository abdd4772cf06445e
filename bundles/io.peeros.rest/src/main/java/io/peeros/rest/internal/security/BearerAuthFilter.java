package io.peeros.rest.internal.security;

import io.peeros.identity.api.Role;
import io.peeros.identity.api.TokenClaims;
import io.peeros.identity.api.TokenService;
import io.peeros.rest.internal.error.ErrorResponses;
import java.util.Optional;
import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.container.ContainerRequestFilter;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.Response;

/**
 * Admits a request with a valid {@code Authorization: Bearer} token whose role includes {@code required},
 * and makes its claims the request's {@link javax.ws.rs.core.SecurityContext}. Without a token or with a bad
 * one: 401 and a {@code WWW-Authenticate: Bearer} challenge; with too low a role: 403.
 */
final class BearerAuthFilter implements ContainerRequestFilter {

    private static final String SCHEME = "Bearer ";

    private final TokenService tokens;
    private final Role required;

    BearerAuthFilter(TokenService tokens, Role required) {
        this.tokens = tokens;
        this.required = required;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            request.abortWith(ErrorResponses.unauthorized("AUTH_REQUIRED", "Send 'Authorization: Bearer <token>'; "
                    + "get a token with POST /api/v1/auth/token.", null));
            return;
        }
        Optional<TokenClaims> claims = tokens.verify(header.substring(SCHEME.length()).strip());
        if (claims.isEmpty()) {
            request.abortWith(ErrorResponses.unauthorized("TOKEN_INVALID", "The bearer token is invalid or has "
                    + "expired; get a new one with POST /api/v1/auth/token.", "invalid_token"));
            return;
        }
        TokenClaims caller = claims.get();
        if (!caller.role().includes(required)) {
            request.abortWith(ErrorResponses.of(Response.Status.FORBIDDEN, "ROLE_INSUFFICIENT", "This needs the "
                    + required.id() + " role; user '" + caller.user() + "' has " + caller.role().id() + "."));
            return;
        }
        request.setSecurityContext(new TokenSecurityContext(caller));
    }
}
