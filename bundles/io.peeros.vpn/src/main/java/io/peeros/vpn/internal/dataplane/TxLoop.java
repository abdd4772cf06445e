package io.peeros.vpn.internal.dataplane;

import io.peeros.vpn.internal.tap.Layout;
import io.peeros.vpn.internal.tap.MsgBatch;
import io.peeros.vpn.internal.tap.NativeBuffer;
import io.peeros.vpn.internal.tap.TapDevice;
import io.peeros.vpn.internal.tap.UdpSocket;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;

/**
 * TAP → UDP on one dedicated thread: read frames (or, with the virtio header, TCP super-frames which it cuts
 * into MSS-sized segments), seal each into the next slot of a batch, and send the batch when the TAP queue is
 * empty or the batch is nearly full. No queue and no hand-off between reading and sending.
 */
final class TxLoop implements Runnable {
    static final int SLOT = 2048;
    static final int BATCH = 128;
    private static final int MAX_SEGMENTS = 48;

    private final Settings settings;
    private final TapDevice tap;
    private final UdpSocket udp;
    private final DatagramChannel channel;
    private final PacketAead aead;
    private final NativeBuffer in = new NativeBuffer(Layout.VNET_HDR + 65536 + 256);
    private final ByteBuffer inb = in.view();
    private final ByteBuffer seg = new NativeBuffer(SLOT).view();
    private final MsgBatch batch = new MsgBatch(BATCH, SLOT);
    private final ByteBuffer out = batch.data().view();
    private final Stats stats;
    private int pending;
    private long counter;
    volatile boolean running = true;

    TxLoop(Settings settings, TapDevice tap, UdpSocket udp, DatagramChannel channel, PacketAead aead, Stats stats) {
        this.settings = settings;
        this.tap = tap;
        this.udp = udp;
        this.channel = channel;
        this.aead = aead;
        this.stats = stats;
    }

    @Override
    public void run() {
        try {
            if (settings.io() == Settings.Io.PLAIN) {
                runPlain();
            } else {
                runBatched();
            }
        } catch (Exception e) {
            if (running) {
                System.err.println("tx loop stopped: " + e);
            }
        }
    }

    private void runPlain() throws Exception {
        int cap = in.size() - Wire.META;
        while (running) {
            int n = tap.read(in.at(Wire.META), cap);
            if (n <= 0) {
                continue;
            }
            Wire.putMeta(inb, 0, 0, 0, 0);
            seal(inb, 0, Wire.META + n);
            out.limit(batch.length(0)).position(0);
            channel.write(out);
            pending = 0;
        }
    }

    private void runBatched() throws Exception {
        boolean vnet = settings.vnet();
        int cap = in.size() - Wire.META;
        while (running) {
            int n = vnet ? tap.read(in.pointer(), in.size()) : tap.read(in.at(Wire.META), cap);
            if (n <= 0) {
                if (pending > 0) {
                    flush();
                } else {
                    tap.awaitReadable(200);
                }
                continue;
            }
            if (!vnet) {
                Wire.putMeta(inb, 0, 0, 0, 0);
                seal(inb, 0, Wire.META + n);
            } else if ((inb.get(Layout.VNET_GSO_TYPE) & 0x7f) == Layout.VNET_GSO_TCPV4) {
                stats.superFrames++;
                segment(n);
            } else {
                int flags = inb.get(Layout.VNET_FLAGS) & Layout.VNET_F_NEEDS_CSUM;
                int start = Short.reverseBytes(inb.getShort(Layout.VNET_CSUM_START)) & 0xffff;
                int offset = Short.reverseBytes(inb.getShort(Layout.VNET_CSUM_OFFSET)) & 0xffff;
                Wire.putMeta(inb, Layout.VNET_HDR - Wire.META, flags != 0 ? Wire.META_PARTIAL : 0, start, offset);
                seal(inb, Layout.VNET_HDR - Wire.META, n);
            }
            if (pending > BATCH - MAX_SEGMENTS) {
                flush();
            }
        }
    }

    /** Cuts a TCPv4 super-frame (virtio header fields are little-endian, the frame big-endian) ({@code n} bytes with its virtio header) into segments of gso_size. */
    private void segment(int n) throws Exception {
        int f = Layout.VNET_HDR;
        int mss = Short.reverseBytes(inb.getShort(Layout.VNET_GSO_SIZE)) & 0xffff;
        int ip = f + 14;
        int ihl = (inb.get(ip) & 0xf) * 4;
        int tcp = ip + ihl;
        int thl = ((inb.get(tcp + 12) >> 4) & 0xf) * 4;
        int hdr = tcp + thl - f;
        int payload = n - f - hdr;
        int seq0 = inb.getInt(tcp + 4);
        int id0 = inb.getShort(ip + 4) & 0xffff;
        int flags0 = inb.get(tcp + 13) & 0xff;
        int sIp = Wire.META + 14;
        int sTcp = sIp + ihl;
        for (int off = 0, i = 0; off < payload; off += mss, i++) {
            int chunk = Math.min(mss, payload - off);
            boolean last = off + chunk >= payload;
            Wire.putMeta(seg, 0, Wire.META_PARTIAL, tcp - f, 16);
            seg.put(Wire.META, inb, f, hdr);
            seg.put(Wire.META + hdr, inb, f + hdr + off, chunk);
            seg.putShort(sIp + 2, (short) (ihl + thl + chunk));
            seg.putShort(sIp + 4, (short) (id0 + i));
            Checksums.ipv4Header(seg, sIp);
            seg.putInt(sTcp + 4, seq0 + off);
            int fl = flags0;
            if (!last) {
                fl &= ~0x09; // FIN, PSH only on the last segment
            }
            if (i > 0) {
                fl &= ~0x80; // CWR only on the first
            }
            seg.put(sTcp + 13, (byte) fl);
            Checksums.tcpPseudo(seg, sIp, sTcp, thl + chunk);
            seal(seg, 0, Wire.META + hdr + chunk);
            if (pending == BATCH) {
                flush();
            }
        }
    }

    private void seal(ByteBuffer src, int from, int to) throws Exception {
        int slot = pending * SLOT;
        long c = ++counter;
        out.putLong(slot, c);
        src.limit(to).position(from);
        out.limit(slot + SLOT).position(slot + Wire.COUNTER);
        int len = aead.seal(c, src, out);
        src.clear();
        out.clear();
        batch.setLength(pending, Wire.COUNTER + len);
        pending++;
        stats.txPackets++;
    }

    private void flush() throws Exception {
        if (settings.io() == Settings.Io.VNET_GSO) {
            udp.sendSegmented(batch, pending);
        } else {
            udp.sendBatch(batch, pending);
        }
        stats.txBatches++;
        pending = 0;
    }
}
