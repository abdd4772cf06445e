package io.peeros.identity.api;

import java.time.Instant;
import java.util.Objects;

/**
 * A bearer token and when it expires.
 *
 * @param token the compact serialized token, sent as {@code Authorization: Bearer <token>}
 * @param expires the instant after which it is refused
 */
public record IssuedToken(String token, Instant expires) {

    public IssuedToken {
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(expires, "expires");
    }
}
