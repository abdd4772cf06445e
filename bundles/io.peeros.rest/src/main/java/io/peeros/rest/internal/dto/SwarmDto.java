package io.peeros.rest.internal.dto;

import java.util.List;

/**
 * A joined swarm; see {@link io.peeros.vpn.api.Swarm}.
 *
 * @param interfaceName the local TAP interface, {@code null} while it is not up
 * @param bridge the local bridge of the environment's containers, {@code null} when none
 * @param subnet the environment's IPv4 subnet (CIDR), {@code null} for a bare layer-2 swarm
 * @param membersUp how many of the other members have a path (direct or relayed)
 * @param members the other members, ordered by peer id
 * @param stats the totals over all members
 * @param mtu the MTU of the swarm's interfaces, which every container interface on its bridge must use; 0 while
 *        they are not up
 */
public record SwarmDto(String id, String interfaceName, String bridge, String subnet, int membersUp,
        List<SwarmMemberDto> members, VpnStatsDto stats, int mtu) {
}
