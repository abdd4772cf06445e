package io.peeros.identity.internal.token;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.peeros.identity.api.IdentityException;
import io.peeros.identity.api.IssuedToken;
import io.peeros.identity.api.Role;
import io.peeros.identity.api.TokenClaims;
import io.peeros.identity.api.User;
import io.peeros.identity.internal.Configs;
import io.peeros.identity.internal.MutableClock;
import io.peeros.identity.internal.user.UserServiceImpl;
import io.peeros.identity.internal.vault.KeyVault;
import io.peeros.identity.internal.vault.VaultFixture;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.Map;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class JwtTokenServiceTest {

    @Rule
    public TemporaryFolder folder = new TemporaryFolder();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-21T10:00:00Z"));
    private KeyVault vault;
    private UserServiceImpl users;
    private JwtTokenService tokens;
    private User alice;

    @Before
    public void setUp() {
        vault = VaultFixture.create(folder.getRoot().toPath().resolve("identity"));
        users = new UserServiceImpl(vault, Configs.of(UserServiceImpl.Config.class));
        tokens = new JwtTokenService(vault, users, Configs.of(JwtTokenService.Config.class), clock);
        alice = users.add("alice", "alice-long-password".toCharArray(), Role.OPERATOR);
    }

    @Test
    public void issuedTokenVerifiesWithItsClaims() throws Exception {
        IssuedToken issued = tokens.issue(alice);

        TokenClaims claims = tokens.verify(issued.token()).orElseThrow();

        assertEquals(new TokenClaims("alice", Role.OPERATOR, clock.instant().plusSeconds(900)), claims);
        assertEquals(clock.instant().plusSeconds(900), issued.expires());
        JWTClaimsSet raw = SignedJWT.parse(issued.token()).getJWTClaimsSet();
        assertEquals("operator", raw.getStringClaim("role"));
        assertEquals(users.passwordVersion("alice").getAsLong(), (long) raw.getLongClaim("pwv"));
        assertTrue(raw.getJWTID() != null && raw.getIssueTime() != null);
        assertEquals(JWSAlgorithm.HS256, SignedJWT.parse(issued.token()).getHeader().getAlgorithm());
    }

    @Test
    public void expiredTokenIsRefusedAfterFiveSecondsOfLeeway() {
        String token = tokens.issue(alice).token();

        clock.advance(Duration.ofSeconds(904));
        assertTrue(tokens.verify(token).isPresent());
        clock.advance(Duration.ofSeconds(2));
        assertFalse(tokens.verify(token).isPresent());
    }

    @Test
    public void lifetimeComesFromConfiguration() {
        tokens.modified(Configs.of(JwtTokenService.Config.class, Map.of("ttlSeconds", 60L)));

        assertEquals(clock.instant().plusSeconds(60), tokens.issue(alice).expires());
    }

    @Test
    public void tamperedTokensAreRefused() {
        String token = tokens.issue(alice).token();
        String[] parts = token.split("\\.");
        char last = parts[2].charAt(parts[2].length() - 2);
        String badSignature = parts[0] + "." + parts[1] + "." + parts[2].substring(0, parts[2].length() - 2)
                + (last == 'A' ? 'B' : 'A') + parts[2].charAt(parts[2].length() - 1);
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        String promoted = parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(
                payload.replace("\"operator\"", "\"admin\"").getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
        String unsigned = Base64.getUrlEncoder().withoutPadding().encodeToString("{\"alg\":\"none\"}".getBytes(
                StandardCharsets.UTF_8)) + "." + parts[1] + ".";

        assertFalse(tokens.verify(badSignature).isPresent());
        assertFalse(tokens.verify(promoted).isPresent());
        assertFalse(tokens.verify(unsigned).isPresent());
        assertFalse(tokens.verify("not a token").isPresent());
        assertFalse(tokens.verify(null).isPresent());
        assertTrue(tokens.verify(token).isPresent());
    }

    @Test
    public void tokenSignedWithAnotherKeyIsRefused() throws Exception {
        SignedJWT forged = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), new JWTClaimsSet.Builder().subject("alice")
                .claim("role", "operator").claim("pwv", users.passwordVersion("alice").getAsLong())
                .issueTime(Date.from(clock.instant())).expirationTime(Date.from(clock.instant().plusSeconds(60))).build());
        forged.sign(new MACSigner(new byte[32]));

        assertFalse(tokens.verify(forged.serialize()).isPresent());
    }

    @Test
    public void removedUserAndChangedPasswordInvalidateTokens() {
        String beforeChange = tokens.issue(alice).token();
        users.changePassword("alice", "alice-second-password".toCharArray());
        assertFalse(tokens.verify(beforeChange).isPresent());
        String afterChange = tokens.issue(alice).token();
        assertTrue(tokens.verify(afterChange).isPresent());

        users.remove("alice");
        assertFalse(tokens.verify(afterChange).isPresent());

        users.add("alice", "alice-long-password".toCharArray(), Role.OPERATOR);
        assertFalse("a new user of the same name does not inherit tokens", tokens.verify(afterChange).isPresent());
    }

    @Test
    public void roleChangeInvalidatesTokens() {
        String token = tokens.issue(alice).token();
        users.remove("alice");
        users.add("alice", "alice-long-password".toCharArray(), Role.VIEWER);

        assertFalse(tokens.verify(token).isPresent());
    }

    @Test
    public void unknownUserGetsNoToken() {
        try {
            tokens.issue(new User("carol", Role.ADMIN, Instant.now()));
            fail();
        } catch (IdentityException e) {
            assertEquals("USER_UNKNOWN", e.code());
        }
    }

    @Test
    public void signingKeyIsKeptEncryptedInTheVaultAndSurvivesRestart() {
        String token = tokens.issue(alice).token();

        JwtTokenService restarted = new JwtTokenService(vault, users, Configs.of(JwtTokenService.Config.class), clock);

        assertTrue(restarted.verify(token).isPresent());
        assertTrue(vault.readSecret("token.key").isPresent());
    }
}
