package io.peeros.vpn.internal.node;

import io.peeros.vpn.internal.tap.NativeException;
import io.peeros.vpn.internal.tap.UdpSocket;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's control thread, every 100 ms: crypto timers (once a second), path choice per member (direct while
 * round trips succeed, else a relay that reaches the member), handshakes to every candidate, PING probes,
 * ENDPOINTS and INTRODUCE messages, and hole punching. Everything it sends is bounded per tick: at most 16
 * probes per member, one ENDPOINTS per member per interval, one INTRODUCE per member per interval.
 */
final class Maintenance implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(Maintenance.class);
    static final int TICK_MILLIS = 100;
    private static final int MAX_TARGETS = 16;
    /** Delay between the openers and the first full probes of a punch, and how long full probes may go. */
    private static final long PUNCH_DELAY = 300;
    private static final long PUNCH_WINDOW = 3000;

    private final VpnNode node;
    private final NodeSettings settings;
    private final Outbox box;
    private long lastCryptoTick;
    volatile boolean running = true;

    Maintenance(VpnNode node, UdpSocket socket) {
        this.node = node;
        this.settings = node.settings();
        this.box = new Outbox(socket, 64, false);
    }

    @Override
    public void run() {
        while (running) {
            try {
                long now = node.clock().millis();
                boolean second = now - lastCryptoTick >= 1000;
                if (second) {
                    lastCryptoTick = now;
                    node.refreshLocalCandidates();
                }
                for (SwarmPlane p : node.planes()) {
                    tick(p, now, second);
                }
                box.flush();
            } catch (Exception e) {
                if (running) {
                    LOG.error("maintenance error (continuing)", e);
                }
            }
            try {
                Thread.sleep(TICK_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Starts a punch towards {@code y} (called by the receive thread on INTRODUCE). */
    void punch(Member y, long now) {
        if (now < y.punchUntil || y.directAlive(now, settings.pathTimeout().toMillis())) {
            return;
        }
        y.punchFull = now + PUNCH_DELAY;
        y.punchUntil = now + PUNCH_DELAY + PUNCH_WINDOW;
        y.punchBurst = true;
        y.openersDue = true;
    }

    private void tick(SwarmPlane p, long now, boolean second) throws NativeException {
        if (second) {
            p.crypto.tick((peer, datagram) -> {
                Member m = SwarmPlane.member(peer);
                if (m == null) {
                    return;
                }
                try {
                    if (datagram.get(datagram.position()) == 4) {
                        p.sendRaw(box, m, datagram);
                    } else {
                        handshake(p, m, datagram, now);
                    }
                } catch (NativeException e) {
                    throw new IllegalStateException(e);
                }
            });
        }
        long timeout = settings.pathTimeout().toMillis();
        boolean introduce = now - p.lastIntroduce >= settings.endpointsInterval().toMillis();
        if (introduce) {
            p.lastIntroduce = now;
        }
        for (Member m : p.members()) {
            if (m.removed) {
                continue;
            }
            if (m.directAlive(now, timeout)) {
                m.relay = null;
            } else {
                Member r = m.relay;
                if (r == null || !relayUsable(r, m, now)) {
                    m.relay = chooseRelay(p, m, now);
                }
            }
            if ((!m.session.hasSession() || m.wantSession) && now - m.lastInitiation >= 1000) {
                m.wantSession = false;
                m.lastInitiation = now;
                ByteBuffer b = ByteBuffer.allocate(64);
                if (p.crypto.initiate(m.session, b)) {
                    handshake(p, m, b.flip(), now);
                }
            }
            if (m.openersDue) {
                m.openersDue = false;
                probe(p, m, now, true);
            }
            boolean burst = m.punchBurst && now >= m.punchFull;
            if (burst || m.probeDue || now - m.lastPing >= settings.keepalive().toMillis()) {
                m.punchBurst &= !burst;
                m.probeDue = false;
                m.lastPing = now;
                probe(p, m, now, false);
            }
            if (!m.session.hasSession()) {
                continue;
            }
            if (m.endpointsDue || now - m.lastEndpoints >= settings.endpointsInterval().toMillis()) {
                m.endpointsDue = false;
                m.lastEndpoints = now;
                endpoints(p, m, now);
            }
            if (introduce) {
                introduce(p, m, now);
            }
        }
    }

    private boolean relayUsable(Member r, Member m, long now) {
        return r != m && !r.removed && r.relay == null && r.session.hasSession()
                && r.directAlive(now, settings.pathTimeout().toMillis())
                && r.reaches(m.prefix, now, 3 * settings.endpointsInterval().toMillis());
    }

    /** The member with the lowest RTT that we reach directly and that reaches {@code m} directly. */
    private Member chooseRelay(SwarmPlane p, Member m, long now) {
        Member best = null;
        for (Member r : p.members()) {
            if (relayUsable(r, m, now) && (best == null || rtt(r) < rtt(best))) {
                best = r;
            }
        }
        return best;
    }

    private static long rtt(Member m) {
        return m.rttNanos < 0 ? Long.MAX_VALUE : m.rttNanos;
    }

    /** Where to probe {@code m} and with which TTL (0: the socket's default). */
    private List<long[]> targets(Member m, long now, boolean openersOnly) {
        List<long[]> out = new ArrayList<>();
        Endpoint ep = m.endpoint;
        boolean alive = m.directAlive(now, settings.pathTimeout().toMillis());
        if (!openersOnly && ep != null) {
            add(out, ep, 0);
        }
        if (alive) {
            return out;
        }
        if (!openersOnly) {
            for (Endpoint e : node.hints(m.peerId)) {
                add(out, e, 0);
            }
        }
        boolean full = !openersOnly && now >= m.punchFull && now < m.punchUntil;
        for (Endpoint e : m.learned()) {
            add(out, e, full ? 0 : settings.punchTtl());
        }
        return out;
    }

    private static void add(List<long[]> out, Endpoint e, int ttl) {
        if (out.size() >= MAX_TARGETS || !e.isUsable()) {
            return;
        }
        for (long[] t : out) {
            if (t[0] == e.ip() && t[1] == e.port()) {
                return;
            }
        }
        out.add(new long[] {e.ip(), e.port(), ttl});
    }

    /** PINGs (or, without keys, the pending initiation) to the member's candidates, and one through its relay. */
    private void probe(SwarmPlane p, Member m, long now, boolean openersOnly) throws NativeException {
        boolean keys = m.session.hasSession();
        ByteBuffer init = m.lastInit;
        if (!keys && (init == null || now - m.lastInitiation > settings.crypto().rekeyTimeout().toMillis())) {
            return;
        }
        for (long[] t : targets(m, now, openersOnly)) {
            Endpoint to = new Endpoint((int) t[0], (int) t[1]);
            if (keys) {
                ByteBuffer c = box.control.clear();
                Control.ping(c, System.nanoTime(), Control.DIRECT);
                p.sendDirect(box, m, c.flip(), to, (int) t[2]);
            } else {
                box.copy(init.duplicate(), to, (int) t[2]);
            }
        }
        Member r = m.relay;
        if (keys && !openersOnly && r != null) {
            ByteBuffer c = box.control.clear();
            Control.ping(c, System.nanoTime(), 0);
            p.send(box, m, c.flip());
        }
    }

    /** A handshake message goes to every candidate and through a relay, until one answers. */
    private void handshake(SwarmPlane p, Member m, ByteBuffer datagram, long now) throws NativeException {
        if (datagram.get(datagram.position()) == 1) {
            ByteBuffer copy = ByteBuffer.allocate(datagram.remaining());
            copy.put(0, datagram, datagram.position(), datagram.remaining());
            m.lastInit = copy.asReadOnlyBuffer();
            m.lastInitiation = now;
        }
        for (long[] t : targets(m, now, false)) {
            box.copy(datagram.duplicate(), new Endpoint((int) t[0], (int) t[1]), (int) t[2]);
        }
        Member r = m.relay != null ? m.relay : chooseRelay(p, m, now);
        if (r != null && r.session.hasSession()) {
            p.sendVia(box, r, m, datagram.duplicate());
        }
    }

    private void endpoints(SwarmPlane p, Member m, long now) throws NativeException {
        ByteBuffer c = box.control.clear();
        c.put(Inner.CONTROL).put(Control.ENDPOINTS);
        List<Endpoint> candidates = node.candidates();
        int k = Math.min(candidates.size(), Control.MAX_CANDIDATES);
        c.put((byte) k);
        for (int i = 0; i < k; i++) {
            Control.endpoint(c, candidates.get(i));
        }
        int reachAt = c.position();
        c.put((byte) 0);
        int reach = 0;
        for (Member r : p.members()) {
            if (r != m && reach < Control.MAX_REACHABLE && r.directAlive(now, settings.pathTimeout().toMillis())) {
                c.putLong(r.prefix);
                reach++;
            }
        }
        c.put(reachAt, (byte) reach);
        Control.endpoint(c, m.relay == null ? m.endpoint : null);
        p.send(box, m, c.flip());
    }

    /** Tells {@code x} (reached directly) where the members it does not reach directly are seen from here. */
    private void introduce(SwarmPlane p, Member x, long now) throws NativeException {
        long timeout = settings.pathTimeout().toMillis();
        if (!x.directAlive(now, timeout)) {
            return;
        }
        ByteBuffer c = box.control.clear();
        c.put(Inner.CONTROL).put(Control.INTRODUCE).put((byte) 0);
        int entries = 0;
        for (Member y : p.members()) {
            if (y == x || entries >= Control.MAX_INTRODUCED || !y.directAlive(now, timeout)
                    || x.reaches(y.prefix, now, 3 * settings.endpointsInterval().toMillis())) {
                continue;
            }
            List<Endpoint> addresses = new ArrayList<>();
            addresses.add(y.endpoint);
            for (Endpoint e : y.learned()) {
                if (addresses.size() < Control.MAX_INTRODUCED_ADDRESSES && !addresses.contains(e)) {
                    addresses.add(e);
                }
            }
            c.putLong(y.prefix).put((byte) addresses.size());
            addresses.forEach(e -> Control.endpoint(c, e));
            entries++;
        }
        if (entries > 0) {
            c.put(2, (byte) entries);
            p.send(box, x, c.flip());
        }
    }
}
