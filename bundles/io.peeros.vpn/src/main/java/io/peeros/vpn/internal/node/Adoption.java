package io.peeros.vpn.internal.node;

import io.peeros.vpn.api.VpnException;
import io.peeros.vpn.internal.crypto.StateMap;
import io.peeros.vpn.internal.crypto.SwarmCrypto;
import io.peeros.vpn.internal.tap.NativeException;
import io.peeros.vpn.internal.tap.TapDevice;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The swarms a node took over from its predecessor ({@link VpnNode#adopt}), each waiting until
 * {@link VpnNode#join} claims it or {@link VpnNode#start} closes it, and the adopted TAPs whose settings are
 * re-applied once forwarding has resumed. See {@code docs/vpn-dataplane.md}, "Live handover".
 */
final class Adoption {
    private static final Logger LOG = LoggerFactory.getLogger(Adoption.class);

    /** A swarm handed over by a predecessor: its TAP and its exported sessions and member paths. */
    record Adopted(TapDevice tap, Map<String, Object> crypto, List<Map<String, Object>> members) {
    }

    private final Map<String, Adopted> waiting;
    private final List<String> claimedTaps = new ArrayList<>();
    private final long since;

    private Adoption(Map<String, Adopted> waiting, long since) {
        this.waiting = waiting;
        this.since = since;
    }

    /** A node opened afresh: nothing adopted. */
    static Adoption none() {
        return new Adoption(new HashMap<>(), 0);
    }

    /**
     * Wraps the TAP descriptors of the snapshot's swarms; each TAP is added to {@code taps} as soon as it is
     * adopted, so that the caller can close them all if a later one fails.
     */
    static Adoption of(Map<String, Object> state, List<TapDevice> taps) throws NativeException {
        Map<String, Adopted> waiting = new HashMap<>();
        for (Map<String, Object> sw : StateMap.mapsOf(state, "swarms")) {
            TapDevice tap = TapDevice.adopt(StateMap.intOf(sw, "tapFd"), StateMap.stringOf(sw, "tapName"),
                    StateMap.boolOf(sw, "vnetHdr"));
            taps.add(tap);
            waiting.put(StateMap.stringOf(sw, "id"), new Adopted(tap, StateMap.mapOf(sw, "crypto"),
                    StateMap.mapsOf(sw, "members")));
        }
        return new Adoption(waiting, System.nanoTime());
    }

    /** When the predecessor's state was taken (System.nanoTime()), 0 for a node opened afresh. */
    long since() {
        return since;
    }

    /**
     * The handed-over swarm {@code swarmId}, removed from those waiting; null when there is none or it is
     * wanted on another TAP (the adopted one is then closed and its sessions wiped).
     */
    Adopted claim(String swarmId, String tapName) {
        Adopted handed = waiting.remove(swarmId);
        if (handed != null && !handed.tap().name().equals(tapName)) {
            LOG.info("swarm {} was handed over on {}, now wanted on {}: new TAP", swarmId, handed.tap().name(), tapName);
            handed.tap().close();
            StateMap.wipe(handed.crypto());
            return null;
        }
        return handed;
    }

    /**
     * Restores the claimed swarm's sessions and member paths into its new plane; when they cannot be restored
     * the plane keeps the adopted TAP with fresh sessions (the members handshake again).
     */
    static void restore(SwarmPlane plane, SwarmCrypto crypto, Adopted handed, Map<String, X509Certificate> members) {
        try {
            int sessions = crypto.restore(handed.crypto());
            plane.restoreMembers(handed.members());
            LOG.info("swarm {} taken over on {} with {} session(s)", plane.id, plane.tap.name(), sessions);
        } catch (RuntimeException e) {
            LOG.warn("swarm {}: handed-over sessions unusable, handshaking again: {}", plane.id, e.toString());
            plane.setMembers(Map.of());
            plane.setMembers(members);
        }
    }

    /** Marks a claimed TAP, now part of its swarm again, for {@link #reapplyTapSettings}. */
    void reapplyLater(String tap) {
        claimedTaps.add(tap);
    }

    /** Closes the swarms no {@link VpnNode#join} claimed: their TAPs disappear. */
    void closeUnclaimed() {
        for (Map.Entry<String, Adopted> e : waiting.entrySet()) {
            LOG.info("swarm {} was handed over but not joined again: closing {}", e.getKey(), e.getValue().tap().name());
        }
        closeWaiting();
    }

    /** Closes the waiting swarms' TAPs and wipes their sessions. */
    void closeWaiting() {
        for (Adopted a : waiting.values()) {
            a.tap().close();
            StateMap.wipe(a.crypto());
        }
        waiting.clear();
    }

    /**
     * Re-applies MTU and "up" to the claimed TAPs; called once every swarm forwards again, since one ip
     * process per swarm would otherwise lengthen the pause of a handover with each swarm. Safe because an
     * adopted TAP is the very interface the predecessor configured and left up (with its MTU, addresses and
     * bridge): this only matters when the MTU setting changed, and until then a larger frame from the TAP is
     * counted (framesOversize) and dropped by its reader, as at any time. A failure leaves the TAP as it was.
     */
    void reapplyTapSettings(int mtu) {
        for (String tap : claimedTaps) {
            try {
                IpCommand.tapUp(tap, mtu);
            } catch (VpnException e) {
                LOG.warn("cannot re-apply MTU {} to the adopted TAP {}: {}", mtu, tap, e.getMessage());
            }
        }
        claimedTaps.clear();
    }
}
