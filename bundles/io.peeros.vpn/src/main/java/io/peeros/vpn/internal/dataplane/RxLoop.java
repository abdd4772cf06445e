package io.peeros.vpn.internal.dataplane;

import io.peeros.vpn.internal.tap.Layout;
import io.peeros.vpn.internal.tap.MsgBatch;
import io.peeros.vpn.internal.tap.NativeBuffer;
import io.peeros.vpn.internal.tap.TapDevice;
import io.peeros.vpn.internal.tap.UdpSocket;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;

/**
 * UDP → TAP on one dedicated thread: receive a batch, open each datagram into a scratch buffer laid out as
 * {@code [virtio header][frame]}, and write it to the TAP, or hand TCP segments to the {@link TcpCoalescer}
 * which writes a run of them as one GSO super-frame. Datagrams that fail authentication are counted and dropped.
 */
final class RxLoop implements Runnable {
    private final Settings settings;
    private final TapDevice tap;
    private final UdpSocket udp;
    private final DatagramChannel channel;
    private final PacketAead aead;
    private final MsgBatch batch = new MsgBatch(TxLoop.BATCH / 2, TxLoop.SLOT);
    private final ByteBuffer in = batch.data().view();
    private final NativeBuffer plain = new NativeBuffer(TxLoop.SLOT + 64);
    private final ByteBuffer pb = plain.view();
    private final TcpCoalescer coalescer;
    private final Stats stats;
    volatile boolean running = true;

    RxLoop(Settings settings, TapDevice tap, UdpSocket udp, DatagramChannel channel, PacketAead aead, Stats stats) {
        this.settings = settings;
        this.tap = tap;
        this.udp = udp;
        this.channel = channel;
        this.aead = aead;
        this.stats = stats;
        this.coalescer = settings.vnet() && settings.coalesce() ? new TcpCoalescer(tap, stats) : null;
    }

    @Override
    public void run() {
        try {
            while (running) {
                if (settings.io() == Settings.Io.PLAIN) {
                    in.clear();
                    int n = channel.read(in);
                    if (n > 0) {
                        process(0, n);
                    }
                    continue;
                }
                int n = udp.receiveBatch(batch, batch.capacity());
                for (int i = 0; i < n; i++) {
                    process(i * TxLoop.SLOT, batch.received(i));
                }
                if (coalescer != null) {
                    coalescer.flush();
                }
                stats.rxBatches++;
            }
        } catch (Exception e) {
            if (running) {
                System.err.println("rx loop stopped: " + e);
            }
        }
    }

    private void count(boolean written) {
        if (written) {
            stats.tapWrites++;
        } else {
            stats.tapDrops++;
        }
    }

    private void process(int off, int len) throws Exception {
        stats.rxPackets++;
        if (len < Wire.OVERHEAD + 14 || len > TxLoop.SLOT) {
            stats.rxDropped++;
            return;
        }
        long counter = in.getLong(off);
        in.limit(off + len).position(off + Wire.COUNTER);
        int base = Layout.VNET_HDR - Wire.META;
        pb.clear().position(base);
        int r = aead.open(counter, in, pb);
        in.clear();
        pb.clear();
        if (r < Wire.META + 14) {
            stats.rxDropped++;
            return;
        }
        int frame = r - Wire.META;
        if (!settings.vnet()) {
            count(tap.write(plain.at(Layout.VNET_HDR), frame));
            return;
        }
        boolean partial = (pb.get(base) & Wire.META_PARTIAL) != 0;
        int start = pb.getShort(base + 2) & 0xffff;
        int offset = pb.getShort(base + 4) & 0xffff;
        if (coalescer != null && coalescer.add(pb, frame, partial, offset)) {
            return;
        }
        TcpCoalescer.putVnet(pb, partial ? Layout.VNET_F_NEEDS_CSUM : 0, Layout.VNET_GSO_NONE, 0, 0, start, offset);
        count(tap.write(plain.pointer(), Layout.VNET_HDR + frame));
    }
}
