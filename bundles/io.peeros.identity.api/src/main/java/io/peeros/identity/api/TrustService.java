package io.peeros.identity.api;

import java.security.cert.X509Certificate;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.X509TrustManager;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The peers this peer trusts for mutual TLS. Trust is bound to a peer's public key (its peer id), not to
 * one certificate, so a peer may rotate its certificate without being registered again. The store is
 * persisted and survives restarts.
 */
@ProviderType
public interface TrustService {

    /**
     * Trusts {@code certificate} as peer {@code peerId}.
     *
     * @throws IdentityException {@code TRUST_MISMATCH} when the id is not the certificate key's fingerprint,
     *     {@code CERT_INVALID} when the certificate is expired or its self-signature does not verify
     */
    void trust(String peerId, X509Certificate certificate);

    /** Stops trusting a peer; returns whether it was trusted. */
    boolean revoke(String peerId);

    /** The certificate recorded for a trusted peer. */
    Optional<X509Certificate> certificateOf(String peerId);

    /** Whether {@code certificate}'s key belongs to a trusted peer and the certificate is currently valid. */
    boolean isTrusted(X509Certificate certificate);

    /** Every trusted peer id with the certificate recorded for it. */
    Map<String, X509Certificate> trusted();

    /**
     * A trust manager that accepts exactly the trusted peers (client and server side) and consults the
     * store on each handshake, so trust changes apply to new connections at once. It does no host name
     * check: peers are identified by their key.
     */
    X509TrustManager trustManager();
}
