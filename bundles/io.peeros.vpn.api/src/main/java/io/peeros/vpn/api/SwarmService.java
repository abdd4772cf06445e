package io.peeros.vpn.api;

import java.util.List;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Joins this peer to swarms, keeps their membership current and reports on them. A swarm admits exactly the
 * peers in its member set: a handshake from any other peer is refused, and removing a member drops its
 * sessions at once and refuses its new handshakes.
 */
@ProviderType
public interface SwarmService {

    /**
     * Joins swarm {@code spec.id()} with its members, or, when already joined, reconciles the member set: new
     * members are admitted, removed ones cut off at once. A call that changes nothing does nothing. Joining
     * creates the swarm's TAP device and a bridge that holds it, where the environment's containers are
     * attached. The swarm is recorded and joined again when the peer restarts.
     *
     * @return the swarm as it is after the call
     * @throws VpnException {@code SWARM_INVALID} when the id is malformed, {@code MEMBER_UNKNOWN} when a
     *     member is not a trusted peer, {@code SUBNET_INVALID} when the subnet is not an IPv4 CIDR,
     *     {@code SUBNET_OVERLAP} when it overlaps another swarm's or a local network, {@code SUBNET_CHANGED}
     *     when a joined swarm is given another subnet, {@code DATAPLANE_FAILED} when the interfaces cannot be
     *     made (nothing is left behind)
     */
    Swarm join(SwarmSpec spec);

    /** Leaves a swarm: its sessions are closed, its keys destroyed and its interface removed. */
    boolean leave(String swarmId);

    /** The swarms this peer has joined, ordered by id. */
    List<Swarm> list();

    /** One joined swarm. */
    Optional<Swarm> get(String swarmId);
}
