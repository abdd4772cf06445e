package io.peeros.vpn.internal.node;

import io.peeros.vpn.internal.crypto.Received;
import io.peeros.vpn.internal.crypto.SwarmCrypto;
import io.peeros.vpn.internal.tap.Layout;
import io.peeros.vpn.internal.tap.MsgBatch;
import io.peeros.vpn.internal.tap.NativeBuffer;
import io.peeros.vpn.internal.tap.NativeException;
import io.peeros.vpn.internal.tap.UdpSocket;
import java.nio.ByteBuffer;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's one receive thread: a {@code recvmmsg} batch from the shared socket, each datagram given to the
 * swarm that claims it (swarm tag or receiver index), decrypted into a buffer laid out as
 * {@code [virtio header][frame]}, and written to that swarm's TAP (TCP segments through the
 * {@link TcpCoalescer}). Handshake replies, PONGs and relayed datagrams go out in one batch after each receive
 * batch. Work per datagram is bounded: at most one nested (relayed) datagram, at most one datagram sent back.
 */
final class Receiver implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(Receiver.class);
    private static final int BATCH = 64;
    /** Where the plaintext starts in {@link #plain}: the frame then lands right after the virtio header. */
    private static final int PLAIN_AT = Layout.VNET_HDR - Inner.FRAME_META;

    private final VpnNode node;
    private final UdpSocket socket;
    private final MsgBatch batch = new MsgBatch(BATCH, Outbox.SLOT);
    private final ByteBuffer in = batch.data().view();
    private final NativeBuffer plain = new NativeBuffer(Outbox.SLOT + 64);
    private final ByteBuffer pb = plain.view();
    private final ByteBuffer nested = ByteBuffer.allocateDirect(Outbox.SLOT);
    private final Received r = new Received();
    private final Outbox box;
    volatile boolean running = true;
    /** Incremented after every batch, so {@code leave} can wait until no batch still uses a closed swarm. */
    volatile long epoch;

    Receiver(VpnNode node, UdpSocket socket) {
        this.node = node;
        this.socket = socket;
        this.box = new Outbox(socket, BATCH, false);
    }

    @Override
    public void run() {
        while (running) {
            try {
                int n = socket.receiveBatch(batch, BATCH);
                SwarmPlane[] planes = node.planes();
                for (int i = 0; i < n; i++) {
                    int len = batch.received(i);
                    int off = i * Outbox.SLOT;
                    in.limit(off + Math.min(len, Outbox.SLOT)).position(off);
                    dispatch(planes, in, batch.addressIp(i), batch.addressPort(i));
                    in.clear();
                }
                for (SwarmPlane p : planes) {
                    flushQuietly(p);
                }
                box.flush();
                for (SwarmPlane p : planes) {
                    if (p.tapWritten) {
                        p.tapWritten = false;
                        drainQuietly(p);
                    }
                }
            } catch (Exception e) {
                if (running) {
                    LOG.error("receive loop error (continuing)", e);
                }
            }
            epoch++;
        }
    }

    /** Sends what the TAP queued in answer to the frames just written (see {@link TapReader#drainIfIdle}). */
    private static void drainQuietly(SwarmPlane p) {
        try {
            p.reader.drainIfIdle();
        } catch (Exception e) {
            LOG.debug("swarm {}: error while sending from the TAP", p.id, e);
        }
    }

    private void flushQuietly(SwarmPlane p) {
        try {
            p.coalescer.flush();
        } catch (NativeException e) {
            p.counters.tapDrops.increment();
        }
    }

    private void dispatch(SwarmPlane[] planes, ByteBuffer datagram, int ip, int port) {
        for (SwarmPlane p : planes) {
            if (p.crypto.claims(datagram)) {
                try {
                    receive(p, datagram, ip, port, null, null);
                } catch (NativeException e) {
                    p.counters.tapDrops.increment();
                    LOG.debug("swarm {}: I/O error while receiving", p.id, e);
                } catch (RuntimeException e) {
                    // a bug reached by some authenticated content: drop this datagram only, keep the batch
                    p.counters.innerBad.increment();
                    LOG.debug("swarm {}: datagram dropped after an internal error", p.id, e);
                }
                return;
            }
        }
        node.unclaimed(datagram);
    }

    /**
     * One datagram for swarm {@code p}: from {@code ip:port} directly, or, when {@code via} is set, unwrapped
     * from a RELAYED packet that member {@code via} forwarded on behalf of {@code claimed}.
     */
    private void receive(SwarmPlane p, ByteBuffer datagram, int ip, int port, Member via, Member claimed)
            throws NativeException {
        pb.clear().position(PLAIN_AT);
        Received.Outcome o = p.crypto.receive(datagram, pb, r);
        int n = pb.position() - PLAIN_AT;
        long now = p.now();
        switch (o) {
            case HANDSHAKE -> {
                Member m = SwarmPlane.member(r.peer());
                if (r.hasReply()) {
                    pb.limit(pb.position()).position(PLAIN_AT);
                    if (via == null) {
                        box.copy(pb, new Endpoint(ip, port), 0);
                    } else if (claimed != null) {
                        p.sendVia(box, via, claimed, pb);
                    }
                }
                if (r.established() && m != null) {
                    if (via == null) {
                        roam(m, ip, port);
                        m.lastDirectProof = now;
                        m.relay = null;
                    } else if (!m.directAlive(now, p.settings.pathTimeout().toMillis())) {
                        m.relay = via;
                    }
                    m.endpointsDue = true;
                }
            }
            case KEEPALIVE -> {
                Member m = SwarmPlane.member(r.peer());
                if (m != null && via == null) {
                    roam(m, ip, port);
                }
            }
            case DELIVERED -> {
                Member m = SwarmPlane.member(r.peer());
                if (m == null) {
                    return;
                }
                if (via == null) {
                    roam(m, ip, port);
                }
                inner(p, m, n, ip, port, via, now);
            }
            default -> {
            }
        }
    }

    /** Roaming: an authenticated packet straight from a new source address moves the member's endpoint. */
    private static void roam(Member m, int ip, int port) {
        Endpoint e = m.endpoint;
        if (e == null || !e.is(ip, port)) {
            m.endpoint = new Endpoint(ip, port);
        }
    }

    private void inner(SwarmPlane p, Member m, int n, int ip, int port, Member via, long now) throws NativeException {
        if (n < 2) {
            p.counters.innerBad.increment();
            return;
        }
        byte kind = pb.get(PLAIN_AT);
        switch (kind) {
            case Inner.FRAME -> frame(p, m, n - Inner.FRAME_META, now);
            case Inner.CONTROL -> control(p, m, n, ip, port, via, now);
            case Inner.RELAY -> relay(p, m, n, via);
            case Inner.RELAYED -> relayed(p, m, n, via);
            default -> p.counters.innerBad.increment();
        }
    }

    private void frame(SwarmPlane p, Member m, int frame, long now) throws NativeException {
        int f = Layout.VNET_HDR;
        if (frame < NodeSettings.ETHERNET_HEADER) {
            p.counters.innerBad.increment();
            return;
        }
        long src = TapReader.mac(pb, f + 6);
        if ((pb.get(f + 6) & 1) == 0) {
            p.macs.learn(src, m, now);
        }
        boolean partial = (pb.get(PLAIN_AT + 1) & Inner.FLAG_CSUM_PARTIAL) != 0;
        int start = pb.getShort(PLAIN_AT + 2) & 0xffff;
        int offset = pb.getShort(PLAIN_AT + 4) & 0xffff;
        if (partial && (start + offset + 2 > frame || start < NodeSettings.ETHERNET_HEADER)) {
            p.counters.innerBad.increment();
            return;
        }
        pb.clear();
        p.tapWritten = true;
        if (p.coalescer.add(pb, frame, partial, offset)) {
            return;
        }
        TcpCoalescer.putVnet(pb, partial ? Layout.VNET_F_NEEDS_CSUM : 0, Layout.VNET_GSO_NONE, 0, 0, start, offset);
        if (p.tap.write(plain.pointer(), f + frame)) {
            p.counters.tapWrites.increment();
        } else {
            p.counters.tapDrops.increment();
        }
    }

    private void control(SwarmPlane p, Member m, int n, int ip, int port, Member via, long now) throws NativeException {
        int at = PLAIN_AT;
        byte type = pb.get(at + 1);
        switch (type) {
            case Control.PING -> {
                if (n != Control.PING_LENGTH) {
                    p.counters.controlBad.increment();
                    return;
                }
                long nonce = pb.getLong(at + 2);
                int flags = pb.get(at + 10) & Control.DIRECT;
                ByteBuffer c = box.control.clear();
                Control.pong(c, nonce, flags, via == null ? ip : 0, via == null ? port : 0);
                c.flip();
                if (via == null) {
                    p.sendDirect(box, m, c, new Endpoint(ip, port), 0);
                    if (!m.directAlive(now, p.settings.pathTimeout().toMillis())) {
                        m.probeDue = true;
                    }
                } else {
                    p.send(box, m, c);
                }
            }
            case Control.PONG -> {
                if (n != Control.PONG_LENGTH) {
                    p.counters.controlBad.increment();
                    return;
                }
                long rtt = System.nanoTime() - pb.getLong(at + 2);
                int flags = pb.get(at + 10);
                pb.position(at + 11);
                Endpoint observed = Control.readEndpoint(pb);
                if (rtt > 0 && rtt < 60_000_000_000L) {
                    m.rttNanos = rtt;
                }
                if ((flags & Control.DIRECT) != 0 && via == null) {
                    m.lastDirectProof = now;
                    m.relay = null;
                }
                if (observed != null) {
                    node.observed(observed);
                }
            }
            case Control.ENDPOINTS -> endpoints(p, m, n, now);
            case Control.INTRODUCE -> introduce(p, m, n, now);
            default -> p.counters.controlBad.increment();
        }
    }

    private void endpoints(SwarmPlane p, Member m, int n, long now) {
        pb.limit(PLAIN_AT + n).position(PLAIN_AT + 2);
        try {
            Control.Endpoints e = Control.parseEndpoints(pb);
            m.announce(e.candidates(), e.reachable(), now);
            if (e.observed() != null) {
                node.observed(e.observed());
            }
        } catch (RuntimeException e) {
            p.counters.controlBad.increment();
        }
    }

    private void introduce(SwarmPlane p, Member from, int n, long now) {
        pb.limit(PLAIN_AT + n).position(PLAIN_AT + 2);
        List<Control.Introduction> entries;
        try {
            entries = Control.parseIntroduce(pb);
        } catch (RuntimeException e) {
            p.counters.controlBad.increment();
            return;
        }
        for (Control.Introduction i : entries) {
            Member y = p.byPrefix(i.prefix());
            if (y != null && y != from) {
                y.introduce(i.addresses());
                p.node.maintenance().punch(y, now);
            }
        }
    }

    /** We are the relay: forward an end-to-end datagram from {@code from} to the member it names. */
    private void relay(SwarmPlane p, Member from, int n, Member via) throws NativeException {
        int length = n - Inner.RELAY_HEADER;
        if (via != null || length < 4 || n + SwarmCrypto.DATA_OVERHEAD > p.settings.maxDatagram()) {
            p.counters.relayRefused.increment();
            return;
        }
        Member target = p.byPrefix(pb.getLong(PLAIN_AT + 2));
        long now = p.now();
        // only to another member we reach directly, never onwards through a relay: no loops, one out per one in
        if (target == null || target == from || !target.session.hasSession() || target.relay != null
                || target.endpoint == null || !target.directAlive(now, p.settings.pathTimeout().toMillis())) {
            p.counters.relayRefused.increment();
            return;
        }
        pb.put(PLAIN_AT, Inner.RELAYED).putLong(PLAIN_AT + 2, from.prefix);
        pb.limit(PLAIN_AT + n).position(PLAIN_AT);
        if (p.sendDirect(box, target, pb, target.endpoint, 0) == SwarmPlane.SENT) {
            p.counters.relayed.increment();
        } else {
            p.counters.relayRefused.increment();
        }
    }

    /** A relay forwarded a datagram from another member: process it once, remembering the way back. */
    private void relayed(SwarmPlane p, Member relay, int n, Member via) throws NativeException {
        int length = n - Inner.RELAY_HEADER;
        Member source = p.byPrefix(pb.getLong(PLAIN_AT + 2));
        if (via != null || length < 4 || source == null || source == relay) {
            p.counters.relayRefused.increment();
            return;
        }
        nested.clear();
        nested.put(0, pb, PLAIN_AT + Inner.RELAY_HEADER, length).limit(length);
        receive(p, nested, 0, 0, relay, source);
    }
}
