package io.peeros.identity.internal.trust;

import static org.hamcrest.CoreMatchers.containsString;
import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThat;
import static org.junit.Assert.assertTrue;

import io.peeros.identity.api.IdentityException;
import io.peeros.identity.api.PeerIds;
import io.peeros.identity.internal.FileModes;
import io.peeros.identity.internal.MutableClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import javax.net.ssl.X509ExtendedTrustManager;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class TrustStoreTest {

    @Rule
    public TemporaryFolder folder = new TemporaryFolder();
    private Path dir;
    private TrustStore store;
    private KeyPair peer;
    private X509Certificate peerCert;

    @Before
    public void setUp() throws Exception {
        dir = folder.getRoot().toPath();
        store = new TrustStore(dir, Clock.systemUTC());
        peer = TestCertificates.keys();
        peerCert = TestCertificates.valid(peer);
    }

    @Test
    public void trustedPeersArePersistedInAnOwnerOnlyFile() throws Exception {
        String id = PeerIds.of(peerCert);
        store.trust(id, peerCert);

        TrustStore restarted = new TrustStore(dir, Clock.systemUTC());

        assertEquals(Map.of(id, peerCert), restarted.trusted());
        assertEquals(peerCert, restarted.certificateOf(id).orElseThrow());
        assertTrue(restarted.isTrusted(peerCert));
        assertEquals("rw-------", FileModes.of(dir.resolve("trust.json")));
        assertThat(Files.readString(dir.resolve("trust.json")), containsString("-----BEGIN CERTIFICATE-----"));
    }

    @Test
    public void certificateOfAnotherKeyIsATrustMismatch() throws Exception {
        X509Certificate other = TestCertificates.valid(TestCertificates.keys());

        IdentityException e = fails(() -> store.trust(PeerIds.of(peerCert), other));

        assertEquals("TRUST_MISMATCH", e.code());
        assertTrue(store.trusted().isEmpty());
    }

    @Test
    public void expiredOrForeignSignedCertificatesAreInvalid() throws Exception {
        X509Certificate expired = TestCertificates.expired(peer);
        X509Certificate forged = TestCertificates.signedByOther(peer, TestCertificates.keys());

        IdentityException expiredError = fails(() -> store.trust(PeerIds.of(peer.getPublic()), expired));
        IdentityException forgedError = fails(() -> store.trust(PeerIds.of(peer.getPublic()), forged));

        assertEquals("CERT_INVALID", expiredError.code());
        assertThat(expiredError.getMessage(), containsString("expired"));
        assertEquals("CERT_INVALID", forgedError.code());
        assertThat(forgedError.getMessage(), containsString("not signed by its own key"));
    }

    @Test
    public void trustManagerAcceptsATrustedPeerAndItsRotatedCertificate() throws Exception {
        store.trust(PeerIds.of(peerCert), peerCert);
        X509ExtendedTrustManager manager = (X509ExtendedTrustManager) store.trustManager();

        manager.checkClientTrusted(new X509Certificate[] {peerCert}, "EC");
        manager.checkServerTrusted(new X509Certificate[] {TestCertificates.valid(peer)}, "EC", (javax.net.ssl.SSLEngine) null);
        assertArrayEquals(new X509Certificate[] {peerCert}, manager.getAcceptedIssuers());
    }

    @Test
    public void trustManagerRejectsUntrustedExpiredAndForgedCertificates() throws Exception {
        store.trust(PeerIds.of(peerCert), peerCert);
        X509ExtendedTrustManager manager = (X509ExtendedTrustManager) store.trustManager();
        X509Certificate stranger = TestCertificates.valid(TestCertificates.keys());

        assertThat(rejection(manager, stranger), containsString("is not trusted"));
        assertThat(rejection(manager, TestCertificates.expired(peer)), containsString("expired"));
        assertThat(rejection(manager, TestCertificates.signedByOther(peer, TestCertificates.keys())),
                containsString("not signed by its own key"));
        assertFalse(store.isTrusted(stranger));
        assertFalse(store.isTrusted(TestCertificates.expired(peer)));
    }

    @Test
    public void revocationAppliesToTheNextCheckAtOnce() throws Exception {
        String id = PeerIds.of(peerCert);
        store.trust(id, peerCert);
        X509ExtendedTrustManager manager = (X509ExtendedTrustManager) store.trustManager();
        manager.checkServerTrusted(new X509Certificate[] {peerCert}, "EC");

        assertTrue(store.revoke(id));

        assertThat(rejection(manager, peerCert), containsString("is not trusted"));
        assertFalse(store.revoke(id));
        assertFalse(new TrustStore(dir, Clock.systemUTC()).certificateOf(id).isPresent());
    }

    @Test
    public void certificateThatExpiresWhileTrustedIsRejected() throws Exception {
        MutableClock clock = MutableClock.now();
        TrustStore timed = new TrustStore(dir, clock);
        timed.trust(PeerIds.of(peerCert), peerCert);

        clock.advance(Duration.ofDays(31));

        assertThat(rejection((X509ExtendedTrustManager) timed.trustManager(), peerCert), containsString("expired"));
    }

    private static String rejection(X509ExtendedTrustManager manager, X509Certificate cert) {
        try {
            manager.checkClientTrusted(new X509Certificate[] {cert}, "EC", (java.net.Socket) null);
        } catch (CertificateException e) {
            return e.getMessage();
        }
        throw new AssertionError("accepted " + cert.getSubjectX500Principal());
    }

    private static IdentityException fails(Runnable action) {
        try {
            action.run();
        } catch (IdentityException e) {
            return e;
        }
        throw new AssertionError("no IdentityException");
    }
}
