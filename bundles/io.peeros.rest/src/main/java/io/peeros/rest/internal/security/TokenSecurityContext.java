package io.peeros.rest.internal.security;

import io.peeros.identity.api.IdentityException;
import io.peeros.identity.api.Role;
import io.peeros.identity.api.TokenClaims;
import java.security.Principal;
import javax.ws.rs.core.SecurityContext;

/** The caller as its verified bearer token names it; roles follow {@link Role#includes}. */
public final class TokenSecurityContext implements SecurityContext {

    private final TokenClaims claims;

    TokenSecurityContext(TokenClaims claims) {
        this.claims = claims;
    }

    /** The verified claims: user, role and expiry. */
    public TokenClaims claims() {
        return claims;
    }

    @Override
    public Principal getUserPrincipal() {
        return claims::user;
    }

    @Override
    public boolean isUserInRole(String role) {
        try {
            return claims.role().includes(Role.parse(role));
        } catch (IdentityException e) {
            return false;
        }
    }

    @Override
    public boolean isSecure() {
        return true;
    }

    @Override
    public String getAuthenticationScheme() {
        return "Bearer";
    }
}
