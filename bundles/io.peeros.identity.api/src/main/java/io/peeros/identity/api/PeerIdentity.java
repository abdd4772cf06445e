package io.peeros.identity.api;

import java.security.cert.X509Certificate;
import javax.net.ssl.X509KeyManager;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The peer's own cryptographic identity: one key pair created on first start and kept encrypted at rest,
 * and a self-signed X.509 certificate over its public key. The peer id is {@link PeerIds#of the SHA-256
 * fingerprint} of the public key, so it survives certificate rotation.
 */
@ProviderType
public interface PeerIdentity {

    /** The peer id: lower-case hex SHA-256 of the DER-encoded public key (64 characters). */
    String peerId();

    /** The certificate currently presented in TLS, client and server side. */
    X509Certificate certificate();

    /** Key material for TLS contexts; always answers with the current certificate. */
    X509KeyManager keyManager();

    /** Signs {@code data} with the peer key (SHA256withECDSA, DER signature). */
    byte[] sign(byte[] data);

    /**
     * Issues a new self-signed certificate for the same key pair (new serial and validity) and stores it.
     * The peer id does not change, so peers that trust this one keep trusting it.
     *
     * @return the new certificate
     */
    X509Certificate rotateCertificate();
}
