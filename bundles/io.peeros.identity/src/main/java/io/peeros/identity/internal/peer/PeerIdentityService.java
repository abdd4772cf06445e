package io.peeros.identity.internal.peer;

import io.peeros.identity.api.IdentityException;
import io.peeros.identity.api.PeerIdentity;
import io.peeros.identity.api.PeerIds;
import io.peeros.identity.internal.AtomicFiles;
import io.peeros.identity.internal.Certificates;
import io.peeros.identity.internal.Secrets;
import io.peeros.identity.internal.vault.KeyVault;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.Signature;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import javax.net.ssl.X509KeyManager;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The peer's EC P-256 key, created on first start and stored encrypted in the vault, and its self-signed
 * certificate. A certificate that is missing, damaged or close to expiry is reissued at start.
 */
@Component(name = PeerIdentityService.PID, service = PeerIdentity.class)
@Designate(ocd = PeerIdentityService.Config.class)
public final class PeerIdentityService implements PeerIdentity {

    public static final String PID = "io.peeros.identity.PeerIdentity";
    static final String KEY_FILE = "peer.key";
    static final String CERT_FILE = "peer.crt";
    static final String PREVIOUS_CERT_FILE = "peer.crt.prev";
    private static final Duration RENEW_BEFORE = Duration.ofDays(30);
    // Tolerates peers whose clocks run a little behind ours.
    private static final Duration BACKDATE = Duration.ofMinutes(5);
    private static final Logger LOG = LoggerFactory.getLogger(PeerIdentityService.class);

    @ObjectClassDefinition(name = "PeerOS peer identity", description = "The peer's key and certificate")
    public @interface Config {
        @AttributeDefinition(name = "Certificate validity (days)", min = "1")
        int certValidityDays() default 825;
    }

    private final Path dir;
    private final Clock clock;
    private final KeyPair keys;
    private final String peerId;
    private final PeerKeyManager keyManager;
    private volatile int validityDays;
    private volatile X509Certificate certificate;

    @Activate
    public PeerIdentityService(@Reference(name = "vault") KeyVault vault, Config config) {
        this(vault, config, Clock.systemUTC());
    }

    PeerIdentityService(KeyVault vault, Config config, Clock clock) {
        this.dir = vault.stateDir();
        this.clock = clock;
        this.validityDays = config.certValidityDays();
        Optional<byte[]> stored = vault.readSecret(KEY_FILE);
        this.keys = stored.map(PeerIdentityService::decode).orElseGet(EcKeys::generate);
        this.peerId = PeerIds.of(keys.getPublic());
        Optional<X509Certificate> current = stored.isPresent() ? readCertificate() : Optional.empty();
        if (current.isPresent() && !expiresSoon(current.get())) {
            certificate = current.get();
        } else {
            // The certificate goes to disk before a new key: a crash in between only loses an unused key.
            store(issue(), current);
        }
        if (stored.isEmpty()) {
            byte[] pkcs8 = keys.getPrivate().getEncoded();
            try {
                vault.writeSecret(KEY_FILE, pkcs8);
            } finally {
                Secrets.wipe(pkcs8);
            }
            LOG.info("Created the key of peer {}", peerId);
        }
        this.keyManager = new PeerKeyManager(keys.getPrivate(), () -> certificate);
    }

    @Modified
    void modified(Config config) {
        validityDays = config.certValidityDays();
    }

    @Override
    public String peerId() {
        return peerId;
    }

    @Override
    public X509Certificate certificate() {
        return certificate;
    }

    @Override
    public X509KeyManager keyManager() {
        return keyManager;
    }

    @Override
    public byte[] sign(byte[] data) {
        try {
            Signature signature = Signature.getInstance("SHA256withECDSA");
            signature.initSign(keys.getPrivate());
            signature.update(data);
            return signature.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign with the peer key", e);
        }
    }

    @Override
    public synchronized X509Certificate rotateCertificate() {
        X509Certificate next = issue();
        store(next, Optional.of(certificate));
        LOG.info("Rotated the certificate of peer {}: serial {}, valid until {}", peerId,
                next.getSerialNumber().toString(16), next.getNotAfter().toInstant());
        return next;
    }

    private X509Certificate issue() {
        Instant now = clock.instant();
        return Certificates.issue(keys, now.minus(BACKDATE), now.plus(Duration.ofDays(validityDays)));
    }

    private void store(X509Certificate next, Optional<X509Certificate> previous) {
        try {
            if (previous.isPresent()) {
                AtomicFiles.write(dir.resolve(PREVIOUS_CERT_FILE), pem(previous.get()));
            }
            AtomicFiles.write(dir.resolve(CERT_FILE), pem(next));
        } catch (IOException e) {
            throw new IdentityException("STATE_IO", "cannot store the peer certificate in " + dir + ": " + e.getMessage(), e);
        }
        certificate = next;
    }

    private Optional<X509Certificate> readCertificate() {
        Path file = dir.resolve(CERT_FILE);
        try {
            X509Certificate read = Certificates.fromPem(Files.readString(file, StandardCharsets.US_ASCII));
            if (peerId.equals(PeerIds.of(read))) {
                return Optional.of(read);
            }
            LOG.warn("{} is for another key; issuing a new certificate for peer {}", file, peerId);
        } catch (IOException | CertificateException e) {
            LOG.warn("{} is missing or unreadable ({}); issuing a new certificate", file, e.getMessage());
        }
        return Optional.empty();
    }

    private boolean expiresSoon(X509Certificate cert) {
        Duration halfLife = Duration.ofDays(validityDays).dividedBy(2);
        Duration margin = halfLife.compareTo(RENEW_BEFORE) < 0 ? halfLife : RENEW_BEFORE;
        return cert.getNotAfter().toInstant().isBefore(clock.instant().plus(margin));
    }

    private static byte[] pem(X509Certificate cert) {
        return Certificates.toPem(cert).getBytes(StandardCharsets.US_ASCII);
    }

    private static KeyPair decode(byte[] pkcs8) {
        try {
            return EcKeys.fromPkcs8(pkcs8);
        } catch (GeneralSecurityException e) {
            throw new IdentityException("VAULT_TAMPERED", KEY_FILE + " does not hold a valid EC P-256 key", e);
        } finally {
            Secrets.wipe(pkcs8);
        }
    }
}
