package io.peeros.registry.api;

import java.net.URI;
import java.time.Instant;

/**
 * A registration this peer asked for. Its owner passes {@link #code} to the remote owner out of band (by
 * phone, in person); the remote owner approves with it.
 *
 * @param remotePeerId the id the remote peer answered with
 * @param remoteName its name
 * @param remoteUrl the URL that was registered with
 * @param remoteCertificateFingerprint SHA-256 of the certificate it presented, to compare out of band
 * @param code the one-time code (80 random bits, base32 in groups of four)
 * @param expires when the code stops working
 */
public record OutgoingRegistration(String remotePeerId, String remoteName, URI remoteUrl,
        String remoteCertificateFingerprint, String code, Instant expires) {
}
