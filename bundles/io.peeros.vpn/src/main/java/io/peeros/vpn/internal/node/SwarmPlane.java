package io.peeros.vpn.internal.node;

import io.peeros.vpn.internal.crypto.PeerSession;
import io.peeros.vpn.internal.crypto.StateMap;
import io.peeros.vpn.internal.crypto.SwarmCrypto;
import io.peeros.vpn.internal.tap.NativeException;
import io.peeros.vpn.internal.tap.TapDevice;
import java.nio.ByteBuffer;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One joined swarm: its crypto, its TAP, its learning switch and its members, and the sending side shared by
 * the node's threads. The TAP thread ({@link TapReader}) seals frames; the node's receive thread calls
 * {@link Receiver}; the maintenance thread calls {@link Maintenance}. Every send goes through an {@link Outbox}
 * owned by the calling thread.
 */
final class SwarmPlane implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SwarmPlane.class);

    /** Results of {@link #send}. */
    static final int SENT = 0;
    static final int NO_SESSION = 1;
    static final int NO_PATH = 2;

    final String id;
    final VpnNode node;
    final NodeSettings settings;
    final SwarmCrypto crypto;
    final TapDevice tap;
    final MacTable macs;
    final Counters counters = new Counters();
    final TcpCoalescer coalescer;
    private volatile Member[] members = new Member[0];
    /** Maintenance thread only: when INTRODUCE last went to every member (all at once, so punches coincide). */
    long lastIntroduce;
    private volatile Map<String, Member> byId = Map.of();
    final TapReader reader;
    /** Set by the receive thread when it wrote a frame to the TAP in its current batch (that thread only). */
    boolean tapWritten;
    private final Thread readerThread;

    SwarmPlane(String id, VpnNode node, SwarmCrypto crypto, TapDevice tap) {
        this.id = id;
        this.node = node;
        this.settings = node.settings();
        this.crypto = crypto;
        this.tap = tap;
        this.macs = new MacTable(settings.macAge().toMillis());
        this.coalescer = new TcpCoalescer(tap, counters);
        this.reader = new TapReader(this, node.socket());
        this.readerThread = new Thread(reader, "vpn-tap-" + tap.name());
        readerThread.setDaemon(true);
    }

    void start() {
        readerThread.start();
    }

    /** Reconciles the member set with the crypto; removed members are cut off at once. */
    synchronized void setMembers(Map<String, X509Certificate> certificates) {
        crypto.setMembers(certificates);
        Map<String, Member> next = new HashMap<>();
        for (PeerSession s : crypto.peers()) {
            Member m = byId.get(s.peerId());
            if (m == null || m.session != s) {
                m = new Member(s.peerId(), s);
                s.attach(m);
            }
            next.put(s.peerId(), m);
        }
        for (Member old : members) {
            if (!next.containsKey(old.peerId)) {
                old.removed = true;
                macs.forget(old);
            }
        }
        Member[] array = next.values().toArray(new Member[0]);
        for (Member m : array) {
            Member r = m.relay;
            if (r != null && r.removed) {
                m.relay = null;
            }
        }
        byId = Map.copyOf(next);
        members = array;
    }

    Member[] members() {
        return members;
    }

    Member member(String peerId) {
        return byId.get(peerId);
    }

    static Member member(PeerSession s) {
        Object a = s == null ? null : s.attachment();
        return a instanceof Member m && !m.removed ? m : null;
    }

    /** The member whose peer id starts with {@code prefix}; null when none (or two: never guess). */
    Member byPrefix(long prefix) {
        Member found = null;
        for (Member m : members) {
            if (m.prefix == prefix) {
                if (found != null) {
                    return null;
                }
                found = m;
            }
        }
        return found;
    }

    /**
     * Seals {@code plain} (position to limit) for {@code m} and queues it on m's current path: straight to its
     * endpoint, or wrapped for its relay. Returns {@link #SENT}, {@link #NO_SESSION} or {@link #NO_PATH}.
     */
    int send(Outbox box, Member m, ByteBuffer plain) throws NativeException {
        Member r = m.relay;
        if (r == null) {
            Endpoint ep = m.endpoint;
            return ep == null ? NO_PATH : sendDirect(box, m, plain, ep, 0);
        }
        Endpoint rep = r.endpoint;
        if (rep == null) {
            return NO_PATH;
        }
        ByteBuffer w = box.scratch.clear();
        w.put(Inner.RELAY).put((byte) 0).putLong(m.prefix);
        SwarmCrypto.SealStatus st = crypto.seal(m.session, plain, w);
        if (st == SwarmCrypto.SealStatus.NO_SESSION) {
            m.wantSession = true;
            return NO_SESSION;
        }
        if (st == SwarmCrypto.SealStatus.SENT_REKEY_DUE) {
            m.wantSession = true;
        }
        return sealOnto(box, r, w.flip(), rep);
    }

    /** Seals {@code plain} for {@code m} and queues it for {@code to} (a probe or a reply to a source address). */
    int sendDirect(Outbox box, Member m, ByteBuffer plain, Endpoint to, int ttl) throws NativeException {
        ByteBuffer out = box.next();
        int start = out.position();
        SwarmCrypto.SealStatus st = crypto.seal(m.session, plain, out);
        if (st == SwarmCrypto.SealStatus.NO_SESSION) {
            m.wantSession = true;
            return NO_SESSION;
        }
        if (st == SwarmCrypto.SealStatus.SENT_REKEY_DUE) {
            m.wantSession = true;
        }
        box.commit(out.position() - start, to, ttl);
        return SENT;
    }

    /** Wraps an end-to-end datagram for {@code target} in a RELAY packet to {@code relay}. */
    int sendVia(Outbox box, Member relay, Member target, ByteBuffer datagram) throws NativeException {
        Endpoint rep = relay.endpoint;
        if (rep == null) {
            return NO_PATH;
        }
        ByteBuffer w = box.scratch.clear();
        if (w.remaining() < Inner.RELAY_HEADER + datagram.remaining()) {
            return NO_PATH;
        }
        w.put(Inner.RELAY).put((byte) 0).putLong(target.prefix).put(datagram);
        return sealOnto(box, relay, w.flip(), rep);
    }

    private int sealOnto(Outbox box, Member r, ByteBuffer plain, Endpoint to) throws NativeException {
        ByteBuffer out = box.next();
        int start = out.position();
        SwarmCrypto.SealStatus st = crypto.seal(r.session, plain, out);
        if (st == SwarmCrypto.SealStatus.NO_SESSION) {
            r.wantSession = true;
            return NO_PATH;
        }
        box.commit(out.position() - start, to, 0);
        return SENT;
    }

    /** Sends an unsealed datagram (handshake message, crypto keepalive) to {@code m} on its current path. */
    void sendRaw(Outbox box, Member m, ByteBuffer datagram) throws NativeException {
        Member r = m.relay;
        if (r != null) {
            sendVia(box, r, m, datagram);
        } else if (m.endpoint != null) {
            box.copy(datagram, m.endpoint, 0);
        }
    }

    long now() {
        return node.clock().millis();
    }

    /** Asks the TAP thread to stop after the frame it is forwarding (it notices within the poll timeout). */
    void requestStop() {
        reader.running = false;
    }

    /** Waits up to {@code millis} for the TAP thread to end; true when it has (or never started). */
    boolean awaitStopped(long millis) throws InterruptedException {
        readerThread.join(millis);
        return !readerThread.isAlive();
    }

    /**
     * Path state of every member as JDK types, for a handover: endpoint, relay, last direct proof, RTT. The
     * MAC table is not carried: unknown destinations are flooded until it is learnt again, which loses nothing.
     */
    List<Map<String, Object>> exportMembers() {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Member m : members) {
            Map<String, Object> e = new HashMap<>();
            e.put("peerId", m.peerId);
            Endpoint ep = m.endpoint;
            if (ep != null) {
                e.put("endpoint", ep.toString());
            }
            Member r = m.relay;
            if (r != null) {
                e.put("relay", r.peerId);
            }
            e.put("lastDirectProof", m.lastDirectProof);
            e.put("rttNanos", m.rttNanos);
            out.add(e);
        }
        return out;
    }

    /** Takes over {@link #exportMembers()} for the members this swarm has. */
    void restoreMembers(List<Map<String, Object>> state) {
        for (Map<String, Object> e : state) {
            Member m = member(StateMap.stringOf(e, "peerId"));
            if (m == null) {
                continue;
            }
            String ep = StateMap.stringOf(e, "endpoint");
            m.endpoint = ep == null ? null : Endpoint.parse(ep);
            String relay = StateMap.stringOf(e, "relay");
            m.relay = relay == null ? null : member(relay);
            m.lastDirectProof = StateMap.longOf(e, "lastDirectProof");
            m.rttNanos = StateMap.longOf(e, "rttNanos");
        }
    }

    void stopReader() {
        reader.running = false;
        try {
            readerThread.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Zeroes every key and deletes the TAP; the reader and the receive thread must be done with it. */
    @Override
    public void close() {
        stopReader();
        for (Member m : members) {
            m.removed = true;
        }
        crypto.close();
        tap.close();
        LOG.debug("swarm {} closed", id);
    }
}
