package io.peeros.vpn.internal.crypto;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * The crypto state towards one member: up to three transport key sets and the handshake this peer started.
 *
 * <ul>
 * <li>{@code current}: what {@code seal} uses;</li>
 * <li>{@code older}: up to three sets it replaced, kept for receiving packets still in flight (two sides that
 * rekey at the same moment complete two handshakes in quick succession);</li>
 * <li>{@code next}: keys this peer agreed as initiator while a current set exists; they are used for sending
 * only once the responder proves it has them (its first authenticated packet under them), so a lost final
 * handshake message never loses data.</li>
 * </ul>
 *
 * Key sets leave through {@link #retire}, which zeroes them. State changes are synchronized on this object;
 * the send path only reads the volatile {@code current}.
 */
public final class PeerSession {

    private static final int OLDER = 3;

    /** A handshake this peer initiated, waiting for the response. */
    static final class Initiation {
        final PeerSession session;
        final HandshakeState state;
        final int localIndex;
        final long started;
        /** The binding of the static key this handshake uses, sent in message 3. */
        final byte[] binding;

        Initiation(PeerSession session, HandshakeState state, int localIndex, long started, byte[] binding) {
            this.session = session;
            this.state = state;
            this.localIndex = localIndex;
            this.started = started;
            this.binding = binding;
        }
    }

    private final String peerId;
    private final IndexTable indices;
    private volatile TransportKeys current;
    /** Older key sets, newest first, kept for packets still in flight; zeroed by age or beyond {@link #OLDER}. */
    private final java.util.ArrayDeque<TransportKeys> older = new java.util.ArrayDeque<>();
    private TransportKeys next;
    private Initiation initiation;
    /** When the current attempt to get keys began (first initiation not yet answered); 0 when none. */
    private long attemptStarted;
    private volatile boolean removed;
    /** An initiation is unanswered or initiated keys await confirmation: no need to ask for a rekey. */
    private volatile boolean rekeying;
    private volatile Object attachment;

    final LongAdder rxBytes = new LongAdder();
    final LongAdder txBytes = new LongAdder();
    final LongAdder rxPackets = new LongAdder();
    final LongAdder txPackets = new LongAdder();
    final LongAdder handshakes = new LongAdder();
    private volatile long lastHandshake;

    PeerSession(String peerId, IndexTable indices) {
        this.peerId = peerId;
        this.indices = indices;
    }

    public String peerId() {
        return peerId;
    }

    /** Data-plane state kept with the session (endpoint, path); the crypto never looks at it. */
    public Object attachment() {
        return attachment;
    }

    public void attach(Object value) {
        attachment = value;
    }

    /** Whether keys exist that can send now. */
    public boolean hasSession() {
        TransportKeys k = current;
        return k != null && !k.isDestroyed();
    }

    /** When the current keys were agreed (clock millis), 0 before the first handshake. */
    public long lastHandshakeMillis() {
        return lastHandshake;
    }

    public boolean isRemoved() {
        return removed;
    }

    public long rxBytes() {
        return rxBytes.sum();
    }

    public long txBytes() {
        return txBytes.sum();
    }

    public long rxPackets() {
        return rxPackets.sum();
    }

    public long txPackets() {
        return txPackets.sum();
    }

    public long handshakes() {
        return handshakes.sum();
    }

    TransportKeys current() {
        return current;
    }

    synchronized TransportKeys next() {
        return next;
    }

    synchronized int olderKeys() {
        return older.size();
    }

    synchronized Initiation initiation() {
        return initiation;
    }

    synchronized long attemptStarted() {
        return attemptStarted;
    }

    synchronized void startInitiation(Initiation i) {
        dropInitiation();
        if (attemptStarted == 0) {
            attemptStarted = i.started;
        }
        initiation = i;
        rekeying = true;
        indices.put(i.localIndex, i);
    }

    boolean isRekeying() {
        return rekeying;
    }

    /** Takes the initiation answered under {@code index}, or null when it is not (or no longer) ours. */
    synchronized Initiation takeInitiation(int index) {
        Initiation i = initiation;
        if (i == null || i.localIndex != index) {
            return null;
        }
        initiation = null;
        indices.remove(index, i);
        return i;
    }

    /** Puts back an initiation whose response failed, so that the timer retries it after the usual delay. */
    synchronized void failedInitiation(Initiation i) {
        i.state.destroy();
        if (initiation == null && !removed) {
            initiation = i;
        }
    }

    synchronized void dropInitiation() {
        if (initiation != null) {
            indices.remove(initiation.localIndex, initiation);
            initiation.state.destroy();
            initiation = null;
        }
    }

    synchronized void giveUp() {
        dropInitiation();
        attemptStarted = 0;
        rekeying = next != null;
    }

    /** Keys from a handshake we initiated: current at once if there is none usable, else next. */
    synchronized void installInitiated(TransportKeys keys, long now) {
        indices.put(keys.localIndex, keys);
        TransportKeys c = current;
        if (c == null || c.isDestroyed()) {
            keep(c);
            current = keys;
            rekeying = false;
        } else {
            keep(next);
            next = keys;
        }
        established(now);
    }

    /** Keys from a handshake we answered: the initiator already holds them, so they become current. */
    synchronized void installResponded(TransportKeys keys, long now) {
        indices.put(keys.localIndex, keys);
        keep(current);
        current = keys;
        rekeying = initiation != null || next != null;
        established(now);
    }

    /** Called after a packet authenticated under {@code keys}: promotes confirmed next keys. */
    void confirmed(TransportKeys keys) {
        if (keys.initiator && keys != current) {
            synchronized (this) {
                if (keys == next) {
                    keep(current);
                    current = next;
                    next = null;
                    rekeying = initiation != null;
                }
            }
        }
    }

    /** Zeroes every key set older than {@code maxAge}. */
    synchronized void expire(long now, long maxAge) {
        older.removeIf(k -> {
            if (k.age(now) < maxAge && !k.isDestroyed()) {
                return false;
            }
            retire(k);
            return true;
        });
        if (next != null && next.age(now) >= maxAge) {
            retire(next);
            next = null;
        }
        TransportKeys c = current;
        if (c != null && c.age(now) >= maxAge) {
            retire(c);
            current = null;
        }
    }

    /** Gives up waiting for next keys to be confirmed; they stay receivable until they age out. */
    synchronized void abandonNext() {
        keep(next);
        next = null;
        rekeying = initiation != null;
    }

    /** Removal from the swarm: every key zeroed, nothing accepted or sent from now on; returns their indices. */
    synchronized int[] remove() {
        removed = true;
        int[] retired = java.util.stream.Stream.concat(older.stream(), java.util.stream.Stream.of(current, next))
                .filter(java.util.Objects::nonNull).mapToInt(k -> k.localIndex).toArray();
        dropInitiation();
        older.forEach(this::retire);
        older.clear();
        retire(next);
        retire(current);
        next = null;
        current = null;
        return retired;
    }

    private void established(long now) {
        attemptStarted = 0;
        lastHandshake = now;
        handshakes.increment();
    }

    /** Keeps replaced keys for receiving a little longer. */
    private void keep(TransportKeys keys) {
        if (keys != null && !keys.isDestroyed()) {
            older.addFirst(keys);
            while (older.size() > OLDER) {
                retire(older.removeLast());
            }
        }
    }

    private void retire(TransportKeys keys) {
        if (keys != null) {
            indices.remove(keys.localIndex, keys);
            keys.destroy();
        }
    }

    /**
     * The keys and the waiting initiation as JDK types, for a handover (see {@code docs/vpn-dataplane.md},
     * "Live handover"); only while no thread uses them. Destroyed keys are left out.
     */
    synchronized Map<String, Object> export() {
        Map<String, Object> m = new HashMap<>();
        m.put("peerId", peerId);
        m.put("current", exportKeys(current));
        m.put("next", exportKeys(next));
        List<Map<String, Object>> olderKeys = new ArrayList<>();
        for (TransportKeys k : older) {
            Map<String, Object> e = exportKeys(k);
            if (e != null) {
                olderKeys.add(e);
            }
        }
        m.put("older", olderKeys);
        Initiation i = initiation;
        Map<String, Object> waiting = i == null ? null : i.state.exportWaiting();
        if (waiting != null) {
            waiting.put("localIndex", i.localIndex);
            waiting.put("started", i.started);
            waiting.put("binding", i.binding.clone());
            m.put("initiation", waiting);
        }
        m.put("attemptStarted", attemptStarted);
        m.put("rekeying", rekeying);
        m.put("lastHandshake", lastHandshake);
        m.put("rxBytes", rxBytes.sum());
        m.put("txBytes", txBytes.sum());
        m.put("rxPackets", rxPackets.sum());
        m.put("txPackets", txPackets.sum());
        m.put("handshakes", handshakes.sum());
        return m;
    }

    private static Map<String, Object> exportKeys(TransportKeys k) {
        return k == null || k.isDestroyed() ? null : k.export();
    }

    /** Takes over {@link #export()} in a fresh session (no keys yet); registers every index. */
    synchronized void restore(Map<String, Object> m, CryptoConfig config, byte[] prologue) {
        if (current != null || next != null || !older.isEmpty() || initiation != null || removed) {
            throw new IllegalStateException("session towards " + peerId + " is not fresh");
        }
        Map<String, Object> c = StateMap.mapOf(m, "current");
        current = c == null ? null : register(TransportKeys.restore(this, config, c));
        Map<String, Object> n = StateMap.mapOf(m, "next");
        next = n == null ? null : register(TransportKeys.restore(this, config, n));
        for (Map<String, Object> o : StateMap.mapsOf(m, "older")) {
            older.addLast(register(TransportKeys.restore(this, config, o)));
        }
        Map<String, Object> w = StateMap.mapOf(m, "initiation");
        if (w != null) {
            Initiation i = new Initiation(this, HandshakeState.restoreWaiting(config.suite(), prologue, w),
                    StateMap.intOf(w, "localIndex"), StateMap.longOf(w, "started"),
                    StateMap.bytesOf(w, "binding").clone());
            initiation = i;
            indices.put(i.localIndex, i);
        }
        attemptStarted = StateMap.longOf(m, "attemptStarted");
        rekeying = StateMap.boolOf(m, "rekeying");
        lastHandshake = StateMap.longOf(m, "lastHandshake");
        rxBytes.add(StateMap.longOf(m, "rxBytes"));
        txBytes.add(StateMap.longOf(m, "txBytes"));
        rxPackets.add(StateMap.longOf(m, "rxPackets"));
        txPackets.add(StateMap.longOf(m, "txPackets"));
        handshakes.add(StateMap.longOf(m, "handshakes"));
    }

    private TransportKeys register(TransportKeys k) {
        indices.put(k.localIndex, k);
        return k;
    }
}
