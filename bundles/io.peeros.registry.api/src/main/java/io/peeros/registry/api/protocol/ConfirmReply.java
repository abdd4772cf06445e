package io.peeros.registry.api.protocol;

/**
 * The requester's answer to a valid {@link ConfirmMessage}: its own tag over the same transcript with a
 * different label, so the approver knows the requester holds the code too.
 *
 * @param tag the requester's tag, base64url
 */
public record ConfirmReply(String tag) {
}
