package io.peeros.vpn.api;

/**
 * Why an incoming datagram was dropped. Every datagram that is not delivered is counted under exactly one
 * cause; none of them raises an error.
 */
public enum DropCause {
    /** Not a well-formed datagram of a known type and length, or addressed to another swarm. */
    MALFORMED,
    /** A handshake from a peer that is not (or no longer) a member of the swarm. */
    NOT_MEMBER,
    /** A member's identity binding did not verify: bad signature, expired binding, or the wrong peer. */
    BAD_IDENTITY,
    /** Authentication failed: the datagram was forged, corrupted or encrypted under other keys. */
    BAD_MAC,
    /** A valid datagram already received, or too old for the replay window. */
    REPLAY,
    /** Addressed to session keys that no longer exist or have expired (or never existed). */
    STALE_KEY,
    /** A handshake message this peer did not expect in its current state. */
    UNEXPECTED,
    /** A handshake initiation refused because too many arrived at once. */
    RATE_LIMITED
}
