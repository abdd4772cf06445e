package io.peeros.registry.api.protocol;

/**
 * The receiver's answer to a {@link RegistrationMessage}: who it is. The requester pins
 * {@link #certificatePem} for this exchange only; the code-keyed tags of the confirmation prove later that
 * both sides saw the same two certificates and nonces.
 *
 * @param peerId the receiver's peer id
 * @param name its name
 * @param publicUrl its public URL
 * @param peerUrl its mutual-TLS URL
 * @param certificatePem its certificate, PEM
 * @param nonce 32 random bytes, base64url
 * @param expiresEpochSecond when the pending request is dropped
 */
public record RegistrationReply(String peerId, String name, String publicUrl, String peerUrl,
        String certificatePem, String nonce, long expiresEpochSecond) {
}
