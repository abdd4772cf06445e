package io.peeros.rest.internal.tls;

import java.security.cert.X509Certificate;

/**
 * The certificate the caller presented in the TLS handshake, if any; a resource method receives it as a
 * {@code @Context ClientCertificate} parameter.
 *
 * @param certificate the caller's end-entity certificate, {@code null} if it sent none
 */
public record ClientCertificate(X509Certificate certificate) {

    static final ClientCertificate NONE = new ClientCertificate(null);

    /** The certificate, or {@code null}, as {@link io.peeros.registry.api.protocol.PeerProtocol} takes it. */
    public X509Certificate orNull() {
        return certificate;
    }
}
