package io.peeros.identity.internal.peer;

import static org.hamcrest.CoreMatchers.containsString;
import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThat;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import io.peeros.identity.api.IdentityException;
import io.peeros.identity.api.PeerIds;
import io.peeros.identity.internal.Certificates;
import io.peeros.identity.internal.Configs;
import io.peeros.identity.internal.FileModes;
import io.peeros.identity.internal.MutableClock;
import io.peeros.identity.internal.vault.KeyVault;
import io.peeros.identity.internal.vault.Sealer;
import io.peeros.identity.internal.vault.VaultFixture;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Signature;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import javax.net.ssl.X509ExtendedKeyManager;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class PeerIdentityServiceTest {

    @Rule
    public TemporaryFolder folder = new TemporaryFolder();
    private Path dir;
    private KeyVault vault;

    @Before
    public void setUp() {
        dir = folder.getRoot().toPath().resolve("identity");
        vault = VaultFixture.create(dir);
    }

    @Test
    public void firstStartCreatesP256KeyAndSelfSignedPeerCertificate() throws Exception {
        PeerIdentityService identity = start(Clock.systemUTC());
        X509Certificate cert = identity.certificate();

        assertTrue(identity.peerId(), PeerIds.isWellFormed(identity.peerId()));
        assertEquals(PeerIds.of(cert), identity.peerId());
        assertEquals(256, ((ECPublicKey) cert.getPublicKey()).getParams().getCurve().getField().getFieldSize());
        assertEquals("CN=" + identity.peerId() + ",O=PeerOS", cert.getSubjectX500Principal().getName());
        assertEquals(cert.getSubjectX500Principal(), cert.getIssuerX500Principal());
        assertEquals("not a CA", -1, cert.getBasicConstraints());
        boolean[] usage = cert.getKeyUsage();
        assertTrue("digitalSignature", usage[0]);
        assertTrue("keyAgreement", usage[4]);
        assertFalse("keyCertSign", usage[5]);
        assertEquals(List.of("1.3.6.1.5.5.7.3.1", "1.3.6.1.5.5.7.3.2"), cert.getExtendedKeyUsage());
        Duration validity = Duration.between(Instant.now(), cert.getNotAfter().toInstant());
        assertTrue(validity.toString(), validity.toDays() == 824 || validity.toDays() == 825);
        assertTrue(cert.getSerialNumber().bitLength() > 64);
        Certificates.checkSelfSigned(cert, Instant.now());
        assertEquals("rw-------", FileModes.of(dir.resolve("peer.crt")));
    }

    @Test
    public void privateKeyIsStoredEncryptedInAnOwnerOnlyFile() throws Exception {
        PeerIdentityService identity = start(Clock.systemUTC());
        ECPrivateKey key = (ECPrivateKey) identity.keyManager().getPrivateKey("peer");

        byte[] stored = Files.readAllBytes(dir.resolve("peer.key"));

        assertEquals("rw-------", FileModes.of(dir.resolve("peer.key")));
        assertFalse("PKCS#8 encoding in the file", FileModes.contains(stored, key.getEncoded()));
        byte[] scalar = key.getS().toByteArray();
        byte[] raw = Arrays.copyOfRange(scalar, scalar.length - 32, scalar.length);
        assertFalse("private scalar in the file", FileModes.contains(stored, raw));
    }

    @Test
    public void restartOnTheSameDirectoryKeepsTheIdentity() {
        PeerIdentityService first = start(Clock.systemUTC());

        VaultFixture.close(vault);
        vault = VaultFixture.open(dir, Map.of("PEEROS_OWNER_SECRET", VaultFixture.ADMIN_PASSWORD),
                Sealer.NONE, VaultFixture.discard());
        PeerIdentityService second = start(Clock.systemUTC());

        assertEquals(first.peerId(), second.peerId());
        assertEquals(first.certificate(), second.certificate());
    }

    @Test
    public void rotationKeepsThePeerIdIssuesANewSerialAndKeepsThePreviousCertificate() throws Exception {
        PeerIdentityService identity = start(Clock.systemUTC());
        X509Certificate old = identity.certificate();

        X509Certificate rotated = identity.rotateCertificate();

        assertEquals(identity.peerId(), PeerIds.of(rotated));
        assertNotEquals(old.getSerialNumber(), rotated.getSerialNumber());
        assertEquals(rotated, identity.certificate());
        assertEquals("the key manager serves the new certificate", rotated, identity.keyManager().getCertificateChain("peer")[0]);
        assertEquals(old, Certificates.fromPem(Files.readString(dir.resolve("peer.crt.prev"))));
        assertEquals(rotated, Certificates.fromPem(Files.readString(dir.resolve("peer.crt"))));
        assertEquals("rw-------", FileModes.of(dir.resolve("peer.crt.prev")));
    }

    @Test
    public void certificateValidityComesFromConfiguration() {
        PeerIdentityService identity = new PeerIdentityService(vault,
                Configs.of(PeerIdentityService.Config.class, Map.of("certValidityDays", 10)), Clock.systemUTC());

        long days = Duration.between(Instant.now(), identity.certificate().getNotAfter().toInstant()).toDays();

        assertTrue(String.valueOf(days), days == 9 || days == 10);
    }

    @Test
    public void certificateCloseToExpiryIsReissuedAtStartForTheSameKey() {
        PeerIdentityService first = start(Clock.systemUTC());
        MutableClock later = new MutableClock(Instant.now().plus(Duration.ofDays(820)));

        PeerIdentityService restarted = start(later);

        assertEquals(first.peerId(), restarted.peerId());
        assertNotEquals(first.certificate().getSerialNumber(), restarted.certificate().getSerialNumber());
        assertTrue(restarted.certificate().getNotAfter().toInstant().isAfter(later.instant().plus(Duration.ofDays(800))));
    }

    @Test
    public void signaturesVerifyWithTheCertificateKey() throws Exception {
        PeerIdentityService identity = start(Clock.systemUTC());
        byte[] data = "join swarm 42".getBytes(StandardCharsets.UTF_8);

        Signature verifier = Signature.getInstance("SHA256withECDSA");
        verifier.initVerify(identity.certificate().getPublicKey());
        verifier.update(data);

        assertTrue(verifier.verify(identity.sign(data)));
    }

    @Test
    public void keyManagerOffersThePeerKeyForEcHandshakesOnly() {
        PeerIdentityService identity = start(Clock.systemUTC());
        X509ExtendedKeyManager keyManager = (X509ExtendedKeyManager) identity.keyManager();

        assertEquals("peer", keyManager.chooseServerAlias("EC", null, null));
        assertEquals("peer", keyManager.chooseEngineClientAlias(new String[] {"RSA", "EC"}, null, null));
        assertNull(keyManager.chooseServerAlias("RSA", null, null));
        assertArrayEquals(new String[] {"peer"}, keyManager.getClientAliases("EC", null));
        assertNull(keyManager.getPrivateKey("other"));
    }

    @Test
    public void tamperedKeyFileFailsClearly() throws Exception {
        start(Clock.systemUTC());
        Path keyFile = dir.resolve("peer.key");
        byte[] stored = Files.readAllBytes(keyFile);
        stored[stored.length - 5] ^= 0x40;
        Files.write(keyFile, stored);
        try {
            start(Clock.systemUTC());
            fail("a tampered key was loaded");
        } catch (IdentityException e) {
            assertEquals("VAULT_TAMPERED", e.code());
            assertThat(e.getMessage(), containsString("peer.key"));
        }
    }

    @Test
    public void missingCertificateIsReissuedForTheStoredKey() throws Exception {
        PeerIdentityService first = start(Clock.systemUTC());
        Files.delete(dir.resolve("peer.crt"));

        PeerIdentityService restarted = start(Clock.systemUTC());

        assertEquals(first.peerId(), restarted.peerId());
        assertTrue(Files.exists(dir.resolve("peer.crt")));
    }

    private PeerIdentityService start(Clock clock) {
        return new PeerIdentityService(vault, Configs.of(PeerIdentityService.Config.class), clock);
    }
}
