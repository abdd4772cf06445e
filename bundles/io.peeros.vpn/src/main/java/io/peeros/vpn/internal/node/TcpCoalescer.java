package io.peeros.vpn.internal.node;

import io.peeros.vpn.internal.tap.Layout;
import io.peeros.vpn.internal.tap.NativeBuffer;
import io.peeros.vpn.internal.tap.NativeException;
import io.peeros.vpn.internal.tap.TapDevice;
import java.nio.ByteBuffer;

/**
 * Userspace GRO for the receive side: consecutive in-order TCPv4 segments of one flow (same headers but for
 * sequence, length, id and checksums; ACK or ACK|PSH; all but the last exactly MSS) are merged into one
 * super-frame and written to the TAP once with {@code VIRTIO_NET_HDR_GSO_TCPV4}, so the kernel stack sees one
 * packet instead of up to 44. Only segments whose checksum is partial are merged (their data is authenticated
 * by the AEAD; the kernel fills the checksum if the frame leaves the host). Flushed at the end of every batch.
 */
final class TcpCoalescer {
    private static final int F = Layout.VNET_HDR;
    private static final int IP = F + 14;
    private static final int MAX_IP = 65535;

    private final TapDevice tap;
    private final Counters stats;
    private final NativeBuffer buf = new NativeBuffer(F + 14 + MAX_IP + 2048);
    private final ByteBuffer sb = buf.view();
    private boolean active;
    private int count;
    private int mss;
    private int lastLen;
    private int nextSeq;
    private int ipLen;
    private int tcp;
    private int hdr;

    TcpCoalescer(TapDevice tap, Counters stats) {
        this.tap = tap;
        this.stats = stats;
    }

    /** Takes the frame at {@code p[10..10+frame)}; false when it is not mergeable (the caller writes it). */
    boolean add(ByteBuffer p, int frame, boolean partial, int csumOffset) throws NativeException {
        if (!partial || csumOffset != 16 || p.getShort(F + 12) != 0x0800 || p.get(IP + 9) != 6) {
            flush();
            return false;
        }
        int ihl = (p.get(IP) & 0xf) * 4;
        int t = IP + ihl;
        int thl = ((p.get(t + 12) >> 4) & 0xf) * 4;
        int h = t + thl - F;
        int payload = (p.getShort(IP + 2) & 0xffff) - ihl - thl;
        int flags = p.get(t + 13) & 0xff;
        if (payload <= 0 || payload > frame - h || (flags & ~0x08) != 0x10) {
            flush();
            return false;
        }
        int seq = p.getInt(t + 4);
        if (active && t == tcp && h == hdr && seq == nextSeq && lastLen == mss && payload <= mss
                && ipLen + payload <= MAX_IP && sameFlow(p, t, thl)) {
            sb.put(F + hdr + (ipLen - ihl - thl), p, F + h, payload);
            ipLen += payload;
        } else {
            flush();
            sb.put(F, p, F, h + payload);
            active = true;
            count = 0;
            mss = payload;
            tcp = t;
            hdr = h;
            ipLen = ihl + thl + payload;
        }
        count++;
        lastLen = payload;
        nextSeq = seq + payload;
        if ((flags & 0x08) != 0) {
            sb.put(tcp + 13, (byte) flags);
            flush();
        }
        return true;
    }

    private boolean sameFlow(ByteBuffer p, int t, int thl) {
        return same(p, F, 12) && same(p, IP, 2) && same(p, IP + 6, 4) && same(p, IP + 12, t - IP - 12)
                && same(p, t, 4) && same(p, t + 8, 5) && same(p, t + 14, 2) && same(p, t + 18, thl - 18);
    }

    private boolean same(ByteBuffer p, int at, int len) {
        for (int i = 0; i < len; i++) {
            if (p.get(at + i) != sb.get(at + i)) {
                return false;
            }
        }
        return true;
    }

    /** Writes the pending run, if any. */
    void flush() throws NativeException {
        if (!active) {
            return;
        }
        active = false;
        int csumStart = tcp - F;
        if (count == 1) {
            putVnet(sb, Layout.VNET_F_NEEDS_CSUM, Layout.VNET_GSO_NONE, 0, 0, csumStart, 16);
        } else {
            sb.putShort(IP + 2, (short) ipLen);
            Checksums.ipv4Header(sb, IP);
            Checksums.tcpPseudo(sb, IP, tcp, ipLen - (tcp - IP));
            putVnet(sb, Layout.VNET_F_NEEDS_CSUM, Layout.VNET_GSO_TCPV4, hdr, mss, csumStart, 16);
        }
        if (tap.write(buf.pointer(), F + 14 + ipLen)) {
            stats.tapWrites.increment();
        } else {
            stats.tapDrops.increment();
        }
    }

    /** Writes a virtio_net_hdr (little-endian fields, as TUN uses on little-endian hosts) at 0. */
    static void putVnet(ByteBuffer b, int flags, int gsoType, int hdrLen, int gsoSize, int csumStart, int csumOffset) {
        b.put(Layout.VNET_FLAGS, (byte) flags);
        b.put(Layout.VNET_GSO_TYPE, (byte) gsoType);
        b.putShort(Layout.VNET_HDR_LEN, Short.reverseBytes((short) hdrLen));
        b.putShort(Layout.VNET_GSO_SIZE, Short.reverseBytes((short) gsoSize));
        b.putShort(Layout.VNET_CSUM_START, Short.reverseBytes((short) csumStart));
        b.putShort(Layout.VNET_CSUM_OFFSET, Short.reverseBytes((short) csumOffset));
    }
}
