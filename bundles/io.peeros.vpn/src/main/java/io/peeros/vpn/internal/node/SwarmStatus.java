package io.peeros.vpn.internal.node;

import io.peeros.vpn.api.DropCause;
import io.peeros.vpn.api.PathKind;
import io.peeros.vpn.api.Swarm;
import io.peeros.vpn.api.SwarmMember;
import io.peeros.vpn.api.VpnStats;
import io.peeros.vpn.internal.crypto.PeerSession;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The API view ({@link Swarm}) of one joined swarm: its members, their paths and traffic, its drops. */
final class SwarmStatus {
    private SwarmStatus() {
    }

    /**
     * @param now the node clock's millis
     * @param pathTimeoutMillis how long a direct path counts as alive after its last proof
     * @param unclaimed the node's datagrams no swarm claimed, added to the swarm's drops
     */
    static Swarm of(SwarmPlane p, long now, long pathTimeoutMillis, Unclaimed unclaimed) {
        List<SwarmMember> members = new ArrayList<>();
        long rxB = 0, txB = 0, rxP = 0, txP = 0, hs = 0;
        for (Member m : p.members()) {
            PeerSession s = m.session;
            members.add(member(m, now, pathTimeoutMillis));
            rxB += s.rxBytes();
            txB += s.txBytes();
            rxP += s.rxPackets();
            txP += s.txPackets();
            hs += s.handshakes();
        }
        members.sort((a, b) -> a.peerId().compareTo(b.peerId()));
        Map<DropCause, Long> drops = new EnumMap<>(DropCause.class);
        drops.putAll(p.crypto.drops().snapshot());
        unclaimed.addTo(drops);
        return new Swarm(p.id, p.tap.name(), members, new VpnStats(rxB, txB, rxP, txP, hs, drops));
    }

    private static SwarmMember member(Member m, long now, long pathTimeoutMillis) {
        PeerSession s = m.session;
        boolean direct = m.directAlive(now, pathTimeoutMillis);
        Member relay = m.relay;
        PathKind path = direct ? PathKind.DIRECT : relay != null ? PathKind.RELAYED : PathKind.NONE;
        Endpoint ep = m.endpoint;
        long rtt = m.rttNanos;
        long last = s.lastHandshakeMillis();
        return new SwarmMember(m.peerId, Optional.ofNullable(ep).map(Endpoint::toString), path,
                Optional.ofNullable(direct ? null : relay).map(r -> r.peerId),
                rtt < 0 ? Optional.empty() : Optional.of(Duration.ofNanos(rtt)),
                last == 0 ? Optional.empty() : Optional.of(Instant.ofEpochMilli(last)),
                new VpnStats(s.rxBytes(), s.txBytes(), s.rxPackets(), s.txPackets(), s.handshakes(), Map.of()));
    }
}
