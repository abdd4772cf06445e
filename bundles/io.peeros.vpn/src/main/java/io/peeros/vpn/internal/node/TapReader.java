package io.peeros.vpn.internal.node;

import io.peeros.vpn.internal.tap.Layout;
import io.peeros.vpn.internal.tap.NativeBuffer;
import io.peeros.vpn.internal.tap.TapDevice;
import io.peeros.vpn.internal.tap.UdpSocket;
import java.nio.ByteBuffer;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * TAP → UDP for one swarm on its own thread: read a frame (with the virtio header; TCP super-frames are cut
 * into MSS-sized segments here), look the destination MAC up in the switch, seal the frame for that member (or
 * for every member with keys when it is broadcast, multicast or unknown) straight into the next slot of a batch,
 * and send the batch when the TAP queue is empty or the batch is full. No queue and no hand-off between reading
 * and sending, and no allocation per frame.
 *
 * <p>The node's receive thread may do the same work right after it wrote frames to this TAP ({@link #drainIfIdle}):
 * a reply the kernel queued meanwhile (a ping answered by this host, a TCP ACK) then leaves at once instead of
 * after this thread's wake-up, which costs a context switch on the round trip (tinc, one thread, has none there).
 * {@link #lock} makes the two take turns: whoever holds it reads and sends until the TAP queue is empty, so frames
 * still leave in the order they were queued, and the buffers and batch below are used by one thread at a time.
 */
final class TapReader implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(TapReader.class);
    private static final int BATCH = 128;

    private final SwarmPlane plane;
    private final TapDevice tap;
    private final Outbox box;
    private final NativeBuffer in = new NativeBuffer(Layout.VNET_HDR + 65536 + 256);
    private final ByteBuffer inb = in.view();
    private final ByteBuffer seg = new NativeBuffer(Outbox.SLOT).view();
    private final int maxFrame;
    private final ReentrantLock lock = new ReentrantLock();
    volatile boolean running = true;

    TapReader(SwarmPlane plane, UdpSocket socket) {
        this.plane = plane;
        this.tap = plane.tap;
        this.box = new Outbox(socket, BATCH, true);
        this.maxFrame = NodeSettings.ETHERNET_HEADER + plane.settings.tapMtu();
    }

    @Override
    public void run() {
        try {
            while (running) {
                lock.lock();
                try {
                    drain();
                } finally {
                    lock.unlock();
                }
                if (running) {
                    tap.awaitReadable(100);
                }
            }
        } catch (Exception e) {
            if (running) {
                LOG.error("TAP reader of {} stopped", tap.name(), e);
            }
        }
    }

    /**
     * Called by the receive thread after it wrote to this TAP: forwards what the TAP holds now, unless this
     * reader is stopping or its thread is at it already (then that thread sends them, in order).
     */
    void drainIfIdle() throws Exception {
        if (running && lock.tryLock()) {
            try {
                plane.counters.tapReadsByReceiver.add(drain());
            } finally {
                lock.unlock();
            }
        }
    }

    /**
     * Reads and forwards frames until the TAP queue is empty, then sends the batch; returns the frames read. The
     * caller holds the lock.
     */
    private int drain() throws Exception {
        int frames = 0;
        while (running) {
            int n = tap.read(in.pointer(), in.size());
            if (n <= 0) {
                break;
            }
            frames++;
            if ((inb.get(Layout.VNET_GSO_TYPE) & 0x7f) == Layout.VNET_GSO_TCPV4) {
                plane.counters.superFrames.increment();
                segment(n);
            } else if (n - Layout.VNET_HDR > maxFrame || n - Layout.VNET_HDR < NodeSettings.ETHERNET_HEADER) {
                plane.counters.framesOversize.increment();
            } else {
                int flags = inb.get(Layout.VNET_FLAGS) & Layout.VNET_F_NEEDS_CSUM;
                int start = Short.reverseBytes(inb.getShort(Layout.VNET_CSUM_START)) & 0xffff;
                int offset = Short.reverseBytes(inb.getShort(Layout.VNET_CSUM_OFFSET)) & 0xffff;
                int at = Layout.VNET_HDR - Inner.FRAME_META;
                Inner.putFrameMeta(inb, at, flags != 0 ? Inner.FLAG_CSUM_PARTIAL : 0, start, offset);
                forward(inb, at, n);
                inb.clear();
            }
        }
        box.flush();
        return frames;
    }

    /** Cuts a TCPv4 super-frame ({@code n} bytes with its virtio header) into segments of gso_size. */
    private void segment(int n) throws Exception {
        int f = Layout.VNET_HDR;
        int mss = Short.reverseBytes(inb.getShort(Layout.VNET_GSO_SIZE)) & 0xffff;
        int ip = f + 14;
        int ihl = (inb.get(ip) & 0xf) * 4;
        int tcp = ip + ihl;
        int thl = ((inb.get(tcp + 12) >> 4) & 0xf) * 4;
        int hdr = tcp + thl - f;
        int payload = n - f - hdr;
        if (mss <= 0 || hdr + mss > maxFrame || payload <= 0) {
            plane.counters.framesOversize.increment();
            return;
        }
        int seq0 = inb.getInt(tcp + 4);
        int id0 = inb.getShort(ip + 4) & 0xffff;
        int flags0 = inb.get(tcp + 13) & 0xff;
        int m = Inner.FRAME_META;
        int sIp = m + 14;
        int sTcp = sIp + ihl;
        for (int off = 0, i = 0; off < payload; off += mss, i++) {
            int chunk = Math.min(mss, payload - off);
            boolean last = off + chunk >= payload;
            Inner.putFrameMeta(seg, 0, Inner.FLAG_CSUM_PARTIAL, tcp - f, 16);
            seg.put(m, inb, f, hdr);
            seg.put(m + hdr, inb, f + hdr + off, chunk);
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
            forward(seg, 0, m + hdr + chunk);
            seg.clear();
        }
    }

    /** Sends the plaintext {@code b[from, to)} (frame meta, then the frame) to its member(s). */
    private void forward(ByteBuffer b, int from, int to) throws Exception {
        int frame = from + Inner.FRAME_META;
        long now = plane.now();
        Member target = (b.get(frame) & 1) != 0 ? null : plane.macs.lookup(mac(b, frame), now);
        if (target != null) {
            b.limit(to).position(from);
            count(plane.send(box, target, b));
            return;
        }
        for (Member m : plane.members()) {
            if (!m.session.hasSession()) {
                m.wantSession = true;
                continue;
            }
            b.limit(to).position(from);
            count(plane.send(box, m, b));
        }
    }

    private void count(int result) {
        if (result == SwarmPlane.NO_SESSION) {
            plane.counters.framesNoSession.increment();
        } else if (result == SwarmPlane.NO_PATH) {
            plane.counters.framesNoPath.increment();
        }
    }

    static long mac(ByteBuffer b, int at) {
        return (b.getShort(at) & 0xffffL) << 32 | b.getInt(at + 2) & 0xffffffffL;
    }
}
