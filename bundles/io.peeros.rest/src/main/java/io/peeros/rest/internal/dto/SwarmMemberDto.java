package io.peeros.rest.internal.dto;

/**
 * Another member of a swarm as this peer sees it; see {@link io.peeros.vpn.api.SwarmMember}.
 *
 * @param endpoint the UDP endpoint ({@code host:port}) traffic goes to, {@code null} while none is known
 * @param path {@code direct}, {@code relayed} or {@code none}
 * @param relayPeerId the member that relays the traffic when {@code path} is {@code relayed}, else {@code null}
 * @param rttMillis the last round-trip time in milliseconds, {@code null} before the first measurement
 * @param lastHandshake ISO-8601 instant the current session keys were agreed, {@code null} while there is none
 */
public record SwarmMemberDto(String peerId, String endpoint, String path, String relayPeerId, Double rttMillis,
        String lastHandshake, VpnStatsDto stats) {
}
