package io.peeros.vpn.internal.service;

import io.peeros.vpn.api.Swarm;
import java.net.InetSocketAddress;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the swarm service needs from the data plane: one per peer, shared by all swarms. The implementation is
 * the VPN node (one UDP socket, a TAP per swarm); tests may substitute their own.
 */
interface DataPlane extends AutoCloseable {

    /** Creates the swarm's TAP {@code tapName} and starts forwarding; for a joined swarm, sets its members. */
    Swarm join(String swarmId, String tapName, Map<String, X509Certificate> members);

    /** Replaces the members; removed ones are cut off at once. */
    void setMembers(String swarmId, Map<String, X509Certificate> members);

    /** Where a peer may be reached, as far as this peer's records know; refreshed now and then. */
    void setEndpointHints(String peerId, List<InetSocketAddress> candidates);

    /** Closes the swarm's sessions, zeroes its keys and deletes its TAP. */
    boolean leave(String swarmId);

    /** A snapshot of one swarm as the data plane sees it (no bridge or subnet). */
    Optional<Swarm> swarm(String swarmId);

    /** The MTU of every swarm TAP: what a frame may carry so that no datagram is fragmented, even relayed. */
    int tapMtu();

    /** The local UDP endpoint. */
    InetSocketAddress localAddress();

    /** Starts forwarding, after a handover once the recorded swarms are joined again; a no-op when running. */
    default void start() {
    }

    /** Whether {@link #handover()} works; when not, deactivation closes the data plane. */
    default boolean canHandOver() {
        return false;
    }

    /**
     * Stops forwarding without closing the socket or the TAPs and returns the state for a successor (see
     * {@code VpnNode.handover()}); closed afterwards.
     */
    default Map<String, Object> handover() {
        throw new UnsupportedOperationException("this data plane cannot be handed over");
    }

    @Override
    void close();
}
