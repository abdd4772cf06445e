package io.peeros.vpn.api;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Joins this peer to swarms, keeps their membership current and reports on them. A swarm admits exactly the
 * peers in its member set: a handshake from any other peer is refused, and removing a member drops its
 * sessions at once and refuses its new handshakes.
 */
@ProviderType
public interface SwarmService {

    /**
     * Joins swarm {@code swarmId} with {@code members} (peer ids, this peer's own id may be included), or,
     * when already joined, reconciles the member set: new members are admitted, removed ones cut off. A call
     * that changes nothing does nothing.
     *
     * @return the swarm as it is after the call
     * @throws VpnException {@code SWARM_INVALID} when the id is malformed, {@code MEMBER_UNKNOWN} when a
     *     member is not a trusted peer
     */
    Swarm join(String swarmId, Set<String> members);

    /** Leaves a swarm: its sessions are closed, its keys destroyed and its interface removed. */
    boolean leave(String swarmId);

    /** The swarms this peer has joined, ordered by id. */
    List<Swarm> list();

    /** One joined swarm. */
    Optional<Swarm> get(String swarmId);
}
