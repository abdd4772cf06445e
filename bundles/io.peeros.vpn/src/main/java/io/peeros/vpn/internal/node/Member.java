package io.peeros.vpn.internal.node;

import io.peeros.vpn.internal.crypto.PeerSession;
import java.util.ArrayList;
import java.util.List;

/**
 * The data- and control-plane state towards one member of one swarm: where it is (confirmed endpoint and
 * candidates), how it is reached (direct or through a relay), and what was measured. Fields read by the TAP
 * thread are volatile; the rest is written by the receive and maintenance threads under this object's lock.
 */
final class Member {
    final String peerId;
    final long prefix;
    final PeerSession session;

    /** The confirmed direct endpoint: where an authenticated packet last came from directly (roaming). */
    volatile Endpoint endpoint;
    /** Non-null while traffic goes through this relay member. */
    volatile Member relay;
    volatile boolean removed;
    /** Millis of the last direct round trip (a PONG to a direct PING, or a handshake completed directly). */
    volatile long lastDirectProof;
    volatile long rttNanos = -1;
    /** Asks the maintenance thread for a handshake (no keys, or keys due for replacement). */
    volatile boolean wantSession;
    /** Asks the maintenance thread to send ENDPOINTS (after a handshake) or a probe round (after a direct PING). */
    volatile boolean endpointsDue;
    volatile boolean probeDue;

    /** Candidates it announced (ENDPOINTS) or a third member introduced (INTRODUCE); at most 8 each. */
    private final List<Endpoint> announced = new ArrayList<>();
    private final List<Endpoint> introduced = new ArrayList<>();
    /** Members it reaches directly (8-byte prefixes), from its last ENDPOINTS, and when that came. */
    private long[] reachable = new long[0];
    private long reachableAt;
    /** Punching (see docs/vpn-control.md): openers due now; full-TTL probes to learned candidates allowed from
     *  {@code punchFull} until {@code punchUntil}; {@code punchBurst} asks for one probe round at punchFull. */
    volatile boolean openersDue;
    volatile long punchFull;
    volatile long punchUntil;
    volatile boolean punchBurst;
    /** The last handshake initiation sent, resent to new candidates while it is pending. */
    volatile java.nio.ByteBuffer lastInit;
    long lastPing;
    long lastEndpoints;
    long lastInitiation;

    Member(String peerId, PeerSession session) {
        this.peerId = peerId;
        this.prefix = Inner.prefix(peerId);
        this.session = session;
    }

    boolean directAlive(long now, long timeout) {
        return endpoint != null && now - lastDirectProof < timeout;
    }

    synchronized void announce(List<Endpoint> candidates, long[] reach, long now) {
        announced.clear();
        announced.addAll(candidates);
        reachable = reach;
        reachableAt = now;
    }

    /** Adds introduced addresses; true when any is new. */
    synchronized boolean introduce(List<Endpoint> addresses) {
        boolean added = false;
        for (Endpoint e : addresses) {
            if (!introduced.contains(e)) {
                introduced.add(0, e);
                added = true;
            }
        }
        while (introduced.size() > Control.MAX_CANDIDATES) {
            introduced.remove(introduced.size() - 1);
        }
        return added;
    }

    synchronized List<Endpoint> learned() {
        List<Endpoint> out = new ArrayList<>(introduced);
        for (Endpoint e : announced) {
            if (!out.contains(e)) {
                out.add(e);
            }
        }
        return out;
    }

    synchronized boolean reaches(long otherPrefix, long now, long maxAge) {
        if (now - reachableAt > maxAge) {
            return false;
        }
        for (long p : reachable) {
            if (p == otherPrefix) {
                return true;
            }
        }
        return false;
    }
}
