package io.peeros.vpn.internal.dataplane;

import java.nio.ByteBuffer;

/**
 * The prototype's datagram: {@code counter(8) || AEAD(meta(6) || ethernet frame) || tag(16)}. The meta block
 * carries what the receiving TAP needs to skip checksumming: flags (bit 0: the TCP/UDP checksum is partial,
 * as with CHECKSUM_PARTIAL), the checksum start and offset within the frame. 30 bytes of overhead, so a TAP
 * MTU of 1420 fits an underlay MTU of 1500 (1420 + 14 + 30 + 28 = 1492).
 */
final class Wire {
    static final int COUNTER = 8;
    static final int META = 6;
    static final int OVERHEAD = COUNTER + META + PacketAead.TAG;
    static final int META_PARTIAL = 1;

    private Wire() {
    }

    static void putMeta(ByteBuffer b, int at, int flags, int csumStart, int csumOffset) {
        b.put(at, (byte) flags);
        b.put(at + 1, (byte) 0);
        b.putShort(at + 2, (short) csumStart);
        b.putShort(at + 4, (short) csumOffset);
    }
}
