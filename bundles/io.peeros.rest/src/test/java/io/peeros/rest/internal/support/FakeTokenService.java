package io.peeros.rest.internal.support;

import io.peeros.identity.api.IssuedToken;
import io.peeros.identity.api.TokenClaims;
import io.peeros.identity.api.TokenService;
import io.peeros.identity.api.User;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Random opaque tokens kept in memory; the real service signs them instead. */
public final class FakeTokenService implements TokenService {

    private final SecureRandom random = new SecureRandom();
    private final Map<String, TokenClaims> issued = new ConcurrentHashMap<>();

    @Override
    public IssuedToken issue(User user) {
        byte[] bytes = new byte[24];
        random.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        Instant expires = Instant.now().plus(Duration.ofHours(1));
        issued.put(token, new TokenClaims(user.name(), user.role(), expires));
        return new IssuedToken(token, expires);
    }

    @Override
    public Optional<TokenClaims> verify(String token) {
        TokenClaims claims = token == null ? null : issued.get(token);
        return claims != null && claims.expires().isAfter(Instant.now()) ? Optional.of(claims) : Optional.empty();
    }
}
