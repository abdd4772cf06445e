package io.peeros.registry.internal;

import io.peeros.registry.api.RegistrationRequest;
import java.net.URI;
import java.security.cert.X509Certificate;
import java.time.Instant;

/**
 * A registration request received by this peer (the approver), waiting for its owner's code. It holds no
 * secret, so it is persisted.
 *
 * @param ownCertificate the certificate this peer answered with; the transcript must use exactly it
 */
record IncomingRequest(String peerId, String name, URI publicUrl, URI peerUrl, X509Certificate certificate,
        X509Certificate ownCertificate, byte[] nonceA, byte[] nonceB, Instant received, Instant expires,
        int triesLeft) {

    boolean isExpired(Instant now) {
        return !expires.isAfter(now);
    }

    IncomingRequest withTriesLeft(int tries) {
        return new IncomingRequest(peerId, name, publicUrl, peerUrl, certificate, ownCertificate, nonceA, nonceB,
                received, expires, tries);
    }

    RegistrationRequest toApi() {
        return new RegistrationRequest(peerId, name, publicUrl, Certificates.fingerprint(certificate), received,
                expires, triesLeft);
    }
}
