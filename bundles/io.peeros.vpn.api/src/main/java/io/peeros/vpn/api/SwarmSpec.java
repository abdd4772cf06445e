package io.peeros.vpn.api;

import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What a peer is asked to join: a swarm id, the peers admitted to it and the environment's subnet.
 *
 * @param id the swarm id: 1 to 64 characters of letters, digits, '.', '_' and '-', starting with a letter or
 *     digit; every member joins with the same id
 * @param members the peer ids admitted (this peer's own id may be included); each must be a trusted peer
 * @param subnet the environment's IPv4 subnet in CIDR form (for example {@code 10.200.7.0/24}); it must not
 *     overlap the subnet of another swarm joined on this peer; empty for a bare layer-2 swarm
 */
public record SwarmSpec(String id, Set<String> members, Optional<String> subnet) {

    public SwarmSpec {
        Objects.requireNonNull(id, "id");
        members = Set.copyOf(members);
        Objects.requireNonNull(subnet, "subnet");
    }
}
