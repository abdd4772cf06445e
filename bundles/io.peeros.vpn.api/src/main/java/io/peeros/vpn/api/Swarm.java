package io.peeros.vpn.api;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A joined swarm: its id, the local interfaces that carry it and every other member as this peer sees it.
 *
 * @param id the swarm id
 * @param interfaceName the local TAP interface, empty while it is not up
 * @param members the other members, ordered by peer id
 * @param stats the totals over all members
 * @param bridge the local bridge that joins the TAP and the environment's containers, empty when none
 * @param subnet the environment's IPv4 subnet (CIDR), empty when the swarm was joined without one
 * @param mtu the MTU of the TAP and the bridge: every interface attached to the bridge must use it, so that no
 *     frame is too big to cross the swarm; 0 while the interfaces are not up
 */
public record Swarm(String id, String interfaceName, List<SwarmMember> members, VpnStats stats, String bridge,
        Optional<String> subnet, int mtu) {

    public Swarm {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(interfaceName, "interfaceName");
        members = List.copyOf(members);
        Objects.requireNonNull(stats, "stats");
        Objects.requireNonNull(bridge, "bridge");
        Objects.requireNonNull(subnet, "subnet");
    }

    /** A swarm without its MTU. */
    public Swarm(String id, String interfaceName, List<SwarmMember> members, VpnStats stats, String bridge,
            Optional<String> subnet) {
        this(id, interfaceName, members, stats, bridge, subnet, 0);
    }

    /** A swarm seen by the data plane alone, before the service adds its bridge and subnet. */
    public Swarm(String id, String interfaceName, List<SwarmMember> members, VpnStats stats) {
        this(id, interfaceName, members, stats, "", Optional.empty());
    }
}
