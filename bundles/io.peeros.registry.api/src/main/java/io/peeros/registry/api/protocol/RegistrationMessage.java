package io.peeros.registry.api.protocol;

/**
 * A peer asks to register. Sent over TLS with the sender's certificate as client certificate; the receiver
 * checks that {@link #certificatePem} is that certificate and that {@link #peerId} is its key fingerprint.
 *
 * @param peerId the sender's peer id
 * @param name the sender's name
 * @param publicUrl the sender's public HTTPS URL, where the approval will be confirmed
 * @param peerUrl the sender's mutual-TLS URL
 * @param certificatePem the sender's certificate, PEM
 * @param nonce 32 random bytes, base64url, fresh per request
 */
public record RegistrationMessage(String peerId, String name, String publicUrl, String peerUrl,
        String certificatePem, String nonce) {
}
