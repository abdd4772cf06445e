package io.peeros.identity.api;

import java.time.Instant;
import java.util.Objects;

/**
 * What a verified token says.
 *
 * @param user the user name
 * @param role the user's role when the token was issued
 * @param expires when the token expires
 */
public record TokenClaims(String user, Role role, Instant expires) {

    public TokenClaims {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(expires, "expires");
    }
}
