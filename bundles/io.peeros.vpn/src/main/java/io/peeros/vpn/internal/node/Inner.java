package io.peeros.vpn.internal.node;

import java.nio.ByteBuffer;

/**
 * The plaintext inside every data packet (so authenticated by the AEAD): a kind byte, then per kind a fixed
 * header. Layouts in {@code docs/vpn-wire-format.md}, "Inner packets".
 */
final class Inner {
    /** An Ethernet frame: kind, flags, csum start (u16), csum offset (u16), frame. */
    static final byte FRAME = 1;
    /** A control message: kind, type, body ({@link Control}). */
    static final byte CONTROL = 2;
    /** To a relay: kind, 0, target member (8-byte peer id prefix), an end-to-end datagram for the target. */
    static final byte RELAY = 3;
    /** From a relay: kind, 0, source member (8-byte prefix), the end-to-end datagram the source sent. */
    static final byte RELAYED = 4;

    static final int FRAME_META = 6;
    static final int RELAY_HEADER = 10;
    static final int FLAG_CSUM_PARTIAL = 1;

    private Inner() {
    }

    static void putFrameMeta(ByteBuffer b, int at, int flags, int csumStart, int csumOffset) {
        b.put(at, FRAME);
        b.put(at + 1, (byte) flags);
        b.putShort(at + 2, (short) csumStart);
        b.putShort(at + 4, (short) csumOffset);
    }

    /** The first 8 bytes of a peer id (64 hex digits) as a long: how relay headers name members. */
    static long prefix(String peerId) {
        return Long.parseUnsignedLong(peerId.substring(0, 16), 16);
    }
}
