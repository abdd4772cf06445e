package io.peeros.vpn.internal.crypto;

import io.peeros.identity.api.PeerIdentity;
import io.peeros.identity.api.PeerIds;
import io.peeros.vpn.api.DropCause;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The crypto of one swarm on this peer, free of I/O: the data plane hands it datagrams and frames and sends
 * what it returns. Admits exactly the current members (peer id to identity certificate); see
 * {@code docs/vpn-crypto.md} for the protocol and the threat model.
 *
 * <p>Threading: {@link #seal} and {@link #receive} may run concurrently on any threads (each key set locks
 * per direction; the data path allocates no buffers); handshakes, membership changes and {@link #tick} take
 * one swarm-wide lock. Nothing here throws on bad input: every datagram not delivered is counted by cause.
 */
public final class SwarmCrypto implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SwarmCrypto.class);
    private static final ByteBuffer EMPTY = ByteBuffer.allocate(0).asReadOnlyBuffer();
    /** Bytes a data packet adds to its plaintext (header and tag). */
    public static final int DATA_OVERHEAD = WireFormat.DATA_OVERHEAD;
    /** The largest handshake message. */
    public static final int MAX_HANDSHAKE = Math.max(WireFormat.RESPONSE_MAX, WireFormat.FINAL_MAX);

    /** What {@link #seal} did. */
    public enum SealStatus {
        /** Sent under current keys. */
        SENT,
        /** Sent, and the keys are due for replacement: call {@link #initiate} (it ignores repeated calls). */
        SENT_REKEY_DUE,
        /** Not sent: no usable keys. Call {@link #initiate}; the frame is the caller's to queue or drop. */
        NO_SESSION
    }

    /** Where {@link #tick} sends the datagrams it produces (handshake retries, rekeys, keepalives). */
    @FunctionalInterface
    public interface Transmitter {
        void send(PeerSession peer, ByteBuffer datagram);
    }

    /** Index of a removed member's keys, so its late packets count as NOT_MEMBER. */
    private record Tombstone(String peerId, long until) {
    }

    private final CryptoConfig config;
    private final Clock clock;
    private final String localPeerId;
    private final IndexTable indices = new IndexTable();
    private final DropCounters drops = new DropCounters();
    private final LongAdder internalErrors = new LongAdder();
    private final Map<String, PeerSession> sessions = new ConcurrentHashMap<>();
    private final Map<Integer, Tombstone> tombstones = new HashMap<>();
    private final Object lock = new Object();
    private final Handshaker handshaker;
    private volatile Map<String, X509Certificate> members = Map.of();

    /**
     * @param swarmId the swarm id, bound into every handshake
     * @param identity this peer's identity; its key signs the swarm static key
     * @param members the authorised members: peer id to identity certificate (this peer may be included)
     */
    public SwarmCrypto(String swarmId, PeerIdentity identity, Map<String, X509Certificate> members,
            CryptoConfig config, Clock clock, SecureRandom random) {
        this.config = config;
        this.clock = clock;
        this.localPeerId = identity.peerId();
        this.handshaker = new Handshaker(swarmId, identity, config, random, indices, id -> this.members.get(id),
                sessions::get, clock.millis());
        setMembers(members);
    }

    /**
     * Replaces the member set. New members get a session; removed ones have every key zeroed at once, their
     * packets dropped as NOT_MEMBER and their handshakes refused.
     *
     * @throws IllegalArgumentException when a peer id is not the fingerprint of its certificate's key
     */
    public void setMembers(Map<String, X509Certificate> newMembers) {
        Map<String, X509Certificate> admitted = new HashMap<>();
        newMembers.forEach((id, certificate) -> {
            if (!PeerIds.isWellFormed(id) || !id.equals(PeerIds.of(certificate))) {
                throw new IllegalArgumentException("peer id " + id + " does not match its certificate");
            }
            if (!id.equals(localPeerId)) {
                admitted.put(id, certificate);
            }
        });
        long now = clock.millis();
        synchronized (lock) {
            members = Map.copyOf(admitted);
            for (PeerSession s : List.copyOf(sessions.values())) {
                if (!admitted.containsKey(s.peerId())) {
                    sessions.remove(s.peerId());
                    handshaker.forget(s.peerId());
                    Tombstone t = new Tombstone(s.peerId(), now + config.rejectAfterTime().toMillis());
                    for (int index : s.remove()) {
                        tombstones.put(index, t);
                        indices.put(index, t);
                    }
                    LOG.debug("member {} removed, sessions dropped", s.peerId());
                }
            }
            admitted.keySet().forEach(id -> sessions.computeIfAbsent(id, k -> new PeerSession(k, indices)));
        }
    }

    /**
     * Whether {@code datagram} (at its position) belongs to this swarm: an initiation carrying its swarm tag, or
     * a response, final or data packet whose receiver index is one of this swarm's (live or tombstoned). Lets one
     * socket serve several swarms; reads without consuming and allocates nothing.
     */
    public boolean claims(ByteBuffer datagram) {
        int type = WireFormat.type(datagram);
        int p = datagram.position();
        if (type == WireFormat.HANDSHAKE_INIT) {
            if (datagram.remaining() != WireFormat.INIT_LENGTH) {
                return false;
            }
            byte[] tag = handshaker.swarmTag();
            int at = p + WireFormat.INIT_LENGTH - WireFormat.SWARM_TAG_LENGTH;
            for (int i = 0; i < tag.length; i++) {
                if (datagram.get(at + i) != tag[i]) {
                    return false;
                }
            }
            return true;
        }
        if (type < WireFormat.HANDSHAKE_RESPONSE || type > WireFormat.DATA || datagram.remaining() < WireFormat.ROUTED_HEADER) {
            return false;
        }
        return indices.get(WireFormat.receiverIndex(datagram)) != null;
    }

    /** The session towards member {@code peerId}, or null when it is not a member. */
    public PeerSession peer(String peerId) {
        return sessions.get(peerId);
    }

    public Collection<PeerSession> peers() {
        return List.copyOf(sessions.values());
    }

    /** Writes handshake message 1 towards {@code peer} into {@code out}; false when one is already under way. */
    public boolean initiate(PeerSession peer, ByteBuffer out) {
        synchronized (lock) {
            return handshaker.initiate(peer, out, clock.millis());
        }
    }

    /**
     * Encrypts one frame for {@code peer}: a data packet is written at {@code out}'s position, which advances;
     * {@code plaintext} is consumed. An empty frame is a keepalive.
     */
    public SealStatus seal(PeerSession peer, ByteBuffer plaintext, ByteBuffer out) {
        TransportKeys k = peer.current();
        if (k == null || peer.isRemoved()) {
            return SealStatus.NO_SESSION;
        }
        long now = clock.millis();
        int length = plaintext.remaining();
        if (k.seal(plaintext, out, now) < 0) {
            return SealStatus.NO_SESSION;
        }
        peer.txBytes.add(length);
        peer.txPackets.increment();
        return !peer.isRekeying() && rekeyDue(k, now) ? SealStatus.SENT_REKEY_DUE : SealStatus.SENT;
    }

    /**
     * Processes one datagram. A delivered frame or a handshake reply is written at {@code out}'s position,
     * which advances; the datagram is consumed. Never throws for any content of {@code datagram}.
     */
    public Received.Outcome receive(ByteBuffer datagram, ByteBuffer out, Received r) {
        r.reset();
        int outStart = out.position();
        DropCause cause;
        try {
            cause = dispatch(datagram, out, r);
        } catch (RuntimeException e) {
            internalErrors.increment();
            LOG.debug("datagram dropped after an internal error", e);
            out.position(outStart);
            cause = DropCause.MALFORMED;
        }
        datagram.position(datagram.limit());
        if (cause != null) {
            drops.count(cause);
            r.reset();
            r.outcome = Received.Outcome.DROPPED;
            r.cause = cause;
        }
        return r.outcome;
    }

    private DropCause dispatch(ByteBuffer datagram, ByteBuffer out, Received r) {
        int type = WireFormat.type(datagram);
        int length = datagram.remaining();
        long now = clock.millis();
        switch (type) {
            case WireFormat.DATA:
                return receiveData(datagram, out, r, now);
            case WireFormat.HANDSHAKE_INIT:
                if (length != WireFormat.INIT_LENGTH || out.remaining() < WireFormat.RESPONSE_MAX) {
                    return DropCause.MALFORMED;
                }
                synchronized (lock) {
                    DropCause refused = handshaker.onInitiation(body(datagram, WireFormat.PREFIX), out, now);
                    r.reply = refused == null;
                    return handshake(refused, r);
                }
            case WireFormat.HANDSHAKE_RESPONSE:
                if (length < WireFormat.RESPONSE_MIN || length > WireFormat.RESPONSE_MAX
                        || out.remaining() < WireFormat.FINAL_MAX) {
                    return DropCause.MALFORMED;
                }
                synchronized (lock) {
                    return handshake(handshaker.onResponse(WireFormat.receiverIndex(datagram),
                            body(datagram, WireFormat.ROUTED_HEADER), out, r, now), r);
                }
            case WireFormat.HANDSHAKE_FINAL:
                if (length < WireFormat.FINAL_MIN || length > WireFormat.FINAL_MAX
                        || out.remaining() < WireFormat.DATA_OVERHEAD) {
                    return DropCause.MALFORMED;
                }
                synchronized (lock) {
                    return handshake(handshaker.onFinal(WireFormat.receiverIndex(datagram),
                            body(datagram, WireFormat.ROUTED_HEADER), out, r, now), r);
                }
            default:
                return DropCause.MALFORMED;
        }
    }

    private DropCause receiveData(ByteBuffer datagram, ByteBuffer out, Received r, long now) {
        int length = datagram.remaining();
        if (length < WireFormat.DATA_OVERHEAD || out.remaining() < length - WireFormat.DATA_OVERHEAD) {
            return DropCause.MALFORMED;
        }
        Object target = indices.get(WireFormat.receiverIndex(datagram));
        if (!(target instanceof TransportKeys)) {
            return target instanceof Tombstone ? DropCause.NOT_MEMBER
                    : target == null ? DropCause.STALE_KEY : DropCause.UNEXPECTED;
        }
        TransportKeys k = (TransportKeys) target;
        int n = k.open(datagram, out, now);
        switch (n) {
            case TransportKeys.REPLAY:
                return DropCause.REPLAY;
            case TransportKeys.BAD_MAC:
                return DropCause.BAD_MAC;
            case TransportKeys.EXPIRED:
                return DropCause.STALE_KEY;
            default:
                break;
        }
        PeerSession peer = k.session;
        peer.confirmed(k);
        r.peer = peer;
        if (n == 0) {
            r.outcome = Received.Outcome.KEEPALIVE;
        } else {
            peer.rxBytes.add(n);
            peer.rxPackets.increment();
            r.outcome = Received.Outcome.DELIVERED;
        }
        return null;
    }

    private static DropCause handshake(DropCause cause, Received r) {
        if (cause == null) {
            r.outcome = Received.Outcome.HANDSHAKE;
        }
        return cause;
    }

    private static byte[] body(ByteBuffer datagram, int headerLength) {
        byte[] body = new byte[datagram.remaining() - headerLength];
        datagram.get(datagram.position() + headerLength, body);
        return body;
    }

    private boolean rekeyDue(TransportKeys k, long now) {
        // The responder waits a little longer, so the two sides do not both start a handshake at once.
        long after = config.rekeyAfterTime().toMillis() + (k.initiator ? 0 : 2 * config.rekeyTimeout().toMillis());
        return k.age(now) >= after || k.sentBytes() >= config.rekeyAfterBytes()
                || k.sendCounter() >= config.rekeyAfterMessages();
    }

    /**
     * The timers; call about once a second. Zeroes expired keys, retries unanswered handshakes, rekeys busy
     * sessions whose keys are due, sends keepalives to peers that sent data but got nothing back, and replaces
     * the swarm static key when due.
     */
    public void tick(Transmitter transmitter) {
        long now = clock.millis();
        List<PeerSession> peers;
        synchronized (lock) {
            if (handshaker.staticDue(now)) {
                handshaker.rotateStatic(now);
            }
            handshaker.evict(now, 0);
            tombstones.entrySet().removeIf(e -> {
                if (now < e.getValue().until()) {
                    return false;
                }
                indices.remove(e.getKey(), e.getValue());
                return true;
            });
            peers = new ArrayList<>(sessions.values());
        }
        for (PeerSession peer : peers) {
            tick(peer, now, transmitter);
        }
    }

    private void tick(PeerSession peer, long now, Transmitter transmitter) {
        peer.expire(now, config.rejectAfterTime().toMillis());
        long timeout = config.rekeyTimeout().toMillis();
        TransportKeys next = peer.next();
        boolean want = false;
        if (next != null && next.age(now) >= timeout) {
            peer.abandonNext();
            want = true;
        }
        PeerSession.Initiation pending = peer.initiation();
        TransportKeys k = peer.current();
        if (pending != null) {
            if (now - peer.attemptStarted() >= config.rekeyAttemptTime().toMillis()) {
                peer.giveUp();
            } else {
                want |= now - pending.started >= timeout;
            }
        } else if (k != null && !peer.isRekeying()) {
            boolean busy = now - Math.max(k.lastSent(), k.lastReceived()) < config.keepaliveTimeout().toMillis();
            want |= busy && rekeyDue(k, now);
        }
        if (want) {
            ByteBuffer b = ByteBuffer.allocate(WireFormat.INIT_LENGTH);
            if (initiate(peer, b)) {
                transmitter.send(peer, b.flip());
            }
        }
        k = peer.current();
        if (k != null && k.lastReceived() > k.lastSent()
                && now - k.lastReceived() >= config.keepaliveTimeout().toMillis()) {
            ByteBuffer b = ByteBuffer.allocate(WireFormat.DATA_OVERHEAD);
            if (seal(peer, EMPTY.duplicate(), b) != SealStatus.NO_SESSION) {
                transmitter.send(peer, b.flip());
            }
        }
    }

    /**
     * The session state of every member as JDK types (keys, counters, replay windows, a waiting initiation),
     * for a live handover to another instance: see {@code docs/vpn-dataplane.md}. Call only while no thread
     * seals or receives, then {@link #close()} this instance: its keys must never send again.
     */
    public Map<String, Object> export() {
        synchronized (lock) {
            Map<String, Object> m = new HashMap<>();
            m.put("suite", config.suite().name());
            List<Map<String, Object>> peers = new ArrayList<>();
            for (PeerSession s : sessions.values()) {
                peers.add(s.export());
            }
            m.put("sessions", peers);
            return m;
        }
    }

    /**
     * Takes over the sessions of {@link #export()} for the members this instance has (call after
     * {@link #setMembers}); others are ignored. Nothing is restored when the cipher suite differs. Zeroes the
     * keys in {@code state} as it uses them. Returns the number of sessions restored.
     */
    public int restore(Map<String, Object> state) {
        if (!config.suite().name().equals(StateMap.stringOf(state, "suite"))) {
            LOG.info("cipher suite changed: no session taken over, members handshake again");
            return 0;
        }
        int restored = 0;
        synchronized (lock) {
            for (Map<String, Object> s : StateMap.mapsOf(state, "sessions")) {
                PeerSession peer = sessions.get(StateMap.stringOf(s, "peerId"));
                if (peer != null) {
                    peer.restore(s, config, handshaker.prologue());
                    restored++;
                }
            }
        }
        return restored;
    }

    public DropCounters drops() {
        return drops;
    }

    /** Datagrams that hit an unexpected internal error (always 0 unless there is a bug); counted as MALFORMED. */
    public long internalErrors() {
        return internalErrors.sum();
    }

    public CryptoConfig config() {
        return config;
    }

    /** Zeroes every session key; the instance is unusable afterwards. */
    @Override
    public void close() {
        setMembers(Map.of());
    }
}
