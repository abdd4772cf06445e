package io.peeros.vpn.api;

import java.util.List;
import java.util.Objects;

/**
 * A joined swarm: its id, the local interface that carries it and every other member as this peer sees it.
 *
 * @param id the swarm id
 * @param interfaceName the local TAP interface, empty while it is not up
 * @param members the other members, ordered by peer id
 * @param stats the totals over all members
 */
public record Swarm(String id, String interfaceName, List<SwarmMember> members, VpnStats stats) {

    public Swarm {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(interfaceName, "interfaceName");
        members = List.copyOf(members);
        Objects.requireNonNull(stats, "stats");
    }
}
