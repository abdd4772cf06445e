package io.peeros.vpn.api;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Another member of a swarm as this peer sees it.
 *
 * @param peerId the member's peer id
 * @param endpoint the UDP endpoint ({@code host:port}) traffic goes to, empty while none is known
 * @param path how traffic reaches the member
 * @param relayPeerId the member that relays the traffic when {@code path} is {@link PathKind#RELAYED}
 * @param rtt the last measured round-trip time, empty before the first measurement
 * @param lastHandshake when the current session keys were agreed, empty while there is no session
 * @param stats the traffic and drops for this member
 */
public record SwarmMember(String peerId, Optional<String> endpoint, PathKind path, Optional<String> relayPeerId,
        Optional<Duration> rtt, Optional<Instant> lastHandshake, VpnStats stats) {

    public SwarmMember {
        Objects.requireNonNull(peerId, "peerId");
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(relayPeerId, "relayPeerId");
        Objects.requireNonNull(rtt, "rtt");
        Objects.requireNonNull(lastHandshake, "lastHandshake");
        Objects.requireNonNull(stats, "stats");
    }
}
