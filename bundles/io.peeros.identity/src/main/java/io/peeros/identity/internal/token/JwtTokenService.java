package io.peeros.identity.internal.token;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.peeros.identity.api.IdentityException;
import io.peeros.identity.api.IssuedToken;
import io.peeros.identity.api.Role;
import io.peeros.identity.api.TokenClaims;
import io.peeros.identity.api.TokenService;
import io.peeros.identity.api.User;
import io.peeros.identity.internal.Secrets;
import io.peeros.identity.internal.user.UserDirectory;
import io.peeros.identity.internal.vault.KeyVault;
import java.security.SecureRandom;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * HS256 JSON Web Tokens under a random 256-bit key kept encrypted in the vault. A token carries the
 * password version of its user, so changing the password or removing the user revokes it.
 */
@Component(name = JwtTokenService.PID, service = TokenService.class)
@Designate(ocd = JwtTokenService.Config.class)
public final class JwtTokenService implements TokenService {

    public static final String PID = "io.peeros.identity.Tokens";
    static final String KEY_FILE = "token.key";
    static final Duration LEEWAY = Duration.ofSeconds(5);
    private static final String ROLE = "role";
    private static final String PASSWORD_VERSION = "pwv";
    private static final Logger LOG = LoggerFactory.getLogger(JwtTokenService.class);

    @ObjectClassDefinition(name = "PeerOS tokens", description = "Bearer tokens of the REST API")
    public @interface Config {
        @AttributeDefinition(name = "Lifetime (seconds)", min = "10")
        long ttlSeconds() default 900;
    }

    private final UserDirectory users;
    private final Clock clock;
    private final byte[] key;
    private final MACSigner signer;
    private final MACVerifier verifier;
    private volatile Duration ttl;

    @Activate
    public JwtTokenService(@Reference(name = "vault") KeyVault vault, @Reference(name = "users") UserDirectory users,
            Config config) {
        this(vault, users, config, Clock.systemUTC());
    }

    JwtTokenService(KeyVault vault, UserDirectory users, Config config, Clock clock) {
        this.users = users;
        this.clock = clock;
        this.ttl = Duration.ofSeconds(config.ttlSeconds());
        this.key = vault.readSecret(KEY_FILE).orElseGet(() -> {
            byte[] created = new byte[32];
            new SecureRandom().nextBytes(created);
            vault.writeSecret(KEY_FILE, created);
            LOG.info("Created the token signing key");
            return created;
        });
        try {
            this.signer = new MACSigner(key);
            this.verifier = new MACVerifier(key);
        } catch (JOSEException e) {
            throw new IdentityException("VAULT_TAMPERED", KEY_FILE + " does not hold a 256-bit key", e);
        }
    }

    @Modified
    void modified(Config config) {
        ttl = Duration.ofSeconds(config.ttlSeconds());
    }

    @Deactivate
    void close() {
        Secrets.wipe(key);
    }

    @Override
    public IssuedToken issue(User user) {
        long version = users.passwordVersion(user.name()).orElseThrow(
                () -> new IdentityException("USER_UNKNOWN", "there is no user '" + user.name() + "'"));
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Instant expires = now.plus(ttl);
        JWTClaimsSet claims = new JWTClaimsSet.Builder().subject(user.name()).claim(ROLE, user.role().id())
                .issueTime(Date.from(now)).expirationTime(Date.from(expires)).jwtID(UUID.randomUUID().toString())
                .claim(PASSWORD_VERSION, version).build();
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign a token", e);
        }
        return new IssuedToken(jwt.serialize(), expires);
    }

    @Override
    public Optional<TokenClaims> verify(String token) {
        if (token == null || token.isBlank()) {
            return Optional.empty();
        }
        try {
            SignedJWT jwt = SignedJWT.parse(token);
            // Only HS256 is ever issued; refusing the rest closes "alg" confusion attacks.
            if (!JWSAlgorithm.HS256.equals(jwt.getHeader().getAlgorithm()) || !jwt.verify(verifier)) {
                return Optional.empty();
            }
            JWTClaimsSet claims = jwt.getJWTClaimsSet();
            Instant now = clock.instant();
            Date expires = claims.getExpirationTime();
            Date issued = claims.getIssueTime();
            Long version = claims.getLongClaim(PASSWORD_VERSION);
            String name = claims.getSubject();
            if (expires == null || issued == null || version == null || name == null
                    || now.isAfter(expires.toInstant().plus(LEEWAY)) || issued.toInstant().isAfter(now.plus(LEEWAY))) {
                return Optional.empty();
            }
            Optional<User> user = users.find(name);
            OptionalLong current = users.passwordVersion(name);
            Role role = Role.parse(claims.getStringClaim(ROLE));
            if (user.isEmpty() || user.get().role() != role || current.isEmpty() || current.getAsLong() != version) {
                return Optional.empty();
            }
            return Optional.of(new TokenClaims(name, role, expires.toInstant()));
        } catch (ParseException | JOSEException | IdentityException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
