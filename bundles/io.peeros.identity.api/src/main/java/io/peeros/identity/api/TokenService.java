package io.peeros.identity.api;

import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Short-lived signed bearer tokens for the REST API. A token names its user and role and expires; it is
 * verified without a database look-up, and tokens of a removed user or an older password are refused.
 */
@ProviderType
public interface TokenService {

    /** Issues a token for an authenticated user. */
    IssuedToken issue(User user);

    /** Verifies a token's signature, expiry and user; empty when any check fails. */
    Optional<TokenClaims> verify(String token);
}
