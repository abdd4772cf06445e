package io.peeros.identity.internal.trust;

import io.peeros.identity.api.IdentityException;
import io.peeros.identity.api.PeerIds;
import io.peeros.identity.api.TrustService;
import io.peeros.identity.internal.Certificates;
import io.peeros.identity.internal.vault.KeyVault;
import java.io.IOException;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.X509TrustManager;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The peers trusted for mutual TLS, persisted in {@code trust.json}. */
@Component(name = TrustStore.PID, service = TrustService.class)
public final class TrustStore implements TrustService {

    public static final String PID = "io.peeros.identity.Trust";
    private static final Logger LOG = LoggerFactory.getLogger(TrustStore.class);

    private final Path dir;
    private final Clock clock;
    private final PeerTrustManager trustManager;
    private volatile Map<String, X509Certificate> peers;

    @Activate
    public TrustStore(@Reference(name = "vault") KeyVault vault) {
        this(vault.stateDir(), Clock.systemUTC());
    }

    TrustStore(Path dir, Clock clock) {
        this.dir = dir;
        this.clock = clock;
        try {
            this.peers = TrustFile.load(dir);
        } catch (IOException e) {
            throw new IdentityException("STATE_IO", "cannot read " + dir.resolve(TrustFile.NAME) + ": " + e.getMessage(), e);
        }
        this.trustManager = new PeerTrustManager(() -> peers, clock);
    }

    @Override
    public synchronized void trust(String peerId, X509Certificate certificate) {
        String actual = PeerIds.of(certificate);
        if (!actual.equals(peerId)) {
            throw new IdentityException("TRUST_MISMATCH", "the certificate belongs to peer " + actual + ", not to " + peerId);
        }
        try {
            Certificates.checkSelfSigned(certificate, clock.instant());
        } catch (CertificateException e) {
            throw new IdentityException("CERT_INVALID", e.getMessage(), e);
        }
        Map<String, X509Certificate> next = new LinkedHashMap<>(peers);
        next.put(peerId, certificate);
        store(next);
        LOG.info("Trusting peer {}", peerId);
    }

    @Override
    public synchronized boolean revoke(String peerId) {
        if (!peers.containsKey(peerId)) {
            return false;
        }
        Map<String, X509Certificate> next = new LinkedHashMap<>(peers);
        next.remove(peerId);
        store(next);
        LOG.info("No longer trusting peer {}", peerId);
        return true;
    }

    @Override
    public Optional<X509Certificate> certificateOf(String peerId) {
        return Optional.ofNullable(peers.get(peerId));
    }

    @Override
    public boolean isTrusted(X509Certificate certificate) {
        try {
            trustManager.checkClientTrusted(new X509Certificate[] {certificate}, "EC");
            return true;
        } catch (CertificateException e) {
            return false;
        }
    }

    @Override
    public Map<String, X509Certificate> trusted() {
        return peers;
    }

    @Override
    public X509TrustManager trustManager() {
        return trustManager;
    }

    private void store(Map<String, X509Certificate> next) {
        try {
            TrustFile.save(dir, next);
        } catch (IOException e) {
            throw new IdentityException("STATE_IO", "cannot write " + dir.resolve(TrustFile.NAME) + ": " + e.getMessage(), e);
        }
        peers = Collections.unmodifiableMap(next);
    }
}
