package io.peeros.vpn.internal.crypto;

import io.peeros.vpn.api.DropCause;

/**
 * What {@link SwarmCrypto#receive} did with a datagram. Mutable and reusable, so the receive loop allocates
 * nothing: one instance per receiving thread.
 */
public final class Received {

    /** The kinds of result. */
    public enum Outcome {
        /** A frame was authenticated and decrypted into the output buffer. */
        DELIVERED,
        /** An authenticated empty packet: the peer is alive; nothing to deliver. */
        KEEPALIVE,
        /** A handshake message was processed; {@link #hasReply()} tells whether one must go back. */
        HANDSHAKE,
        /** Dropped and counted under {@link #cause()}. */
        DROPPED
    }

    Outcome outcome;
    PeerSession peer;
    DropCause cause;
    boolean reply;
    boolean established;

    void reset() {
        outcome = null;
        peer = null;
        cause = null;
        reply = false;
        established = false;
    }

    public Outcome outcome() {
        return outcome;
    }

    /** The authenticated sender, for DELIVERED, KEEPALIVE and completed handshakes; null otherwise. */
    public PeerSession peer() {
        return peer;
    }

    /** Why the datagram was dropped, for DROPPED. */
    public DropCause cause() {
        return cause;
    }

    /** Whether the output buffer holds a datagram to send back to the source address of this one. */
    public boolean hasReply() {
        return reply;
    }

    /** Whether new session keys with {@link #peer()} were installed by this datagram. */
    public boolean established() {
        return established;
    }
}
