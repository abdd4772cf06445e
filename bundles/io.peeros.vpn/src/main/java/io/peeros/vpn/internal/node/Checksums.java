package io.peeros.vpn.internal.node;

import java.nio.ByteBuffer;

/** Internet checksums (RFC 1071) over a big-endian {@link ByteBuffer}, absolute offsets. */
final class Checksums {
    private Checksums() {
    }

    static long sum(ByteBuffer b, int off, int len, long acc) {
        int end = off + len;
        int i = off;
        for (; i + 1 < end; i += 2) {
            acc += b.getShort(i) & 0xffff;
        }
        if (i < end) {
            acc += (b.get(i) & 0xff) << 8;
        }
        return acc;
    }

    static int fold(long s) {
        while ((s >>> 16) != 0) {
            s = (s & 0xffff) + (s >>> 16);
        }
        return (int) s;
    }

    /** Recomputes the IPv4 header checksum of the header at {@code ip}. */
    static void ipv4Header(ByteBuffer b, int ip) {
        int ihl = (b.get(ip) & 0xf) * 4;
        b.putShort(ip + 10, (short) 0);
        b.putShort(ip + 10, (short) ~fold(sum(b, ip, ihl, 0)));
    }

    /**
     * Stores in the TCP checksum field the folded, uncomplemented pseudo-header sum for a TCP segment of
     * {@code tcpLen} bytes: what Linux expects with CHECKSUM_PARTIAL (the rest is summed from csum_start).
     */
    static void tcpPseudo(ByteBuffer b, int ip, int tcp, int tcpLen) {
        long s = sum(b, ip + 12, 8, 6 + tcpLen);
        b.putShort(tcp + 16, (short) fold(s));
    }
}
