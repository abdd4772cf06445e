package io.peeros.registry.api.protocol;

/**
 * The approver's proof that its owner entered the right code: an HMAC-SHA256, keyed by a key derived from
 * the code, over a transcript of both certificates and both nonces. Sent with the approver's certificate as
 * TLS client certificate.
 *
 * @param tag the approver's tag, base64url
 */
public record ConfirmMessage(String tag) {
}
