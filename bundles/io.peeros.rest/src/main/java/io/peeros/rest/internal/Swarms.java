package io.peeros.rest.internal;

import io.peeros.rest.internal.dto.SwarmDto;
import io.peeros.rest.internal.dto.SwarmMemberDto;
import io.peeros.rest.internal.dto.VpnStatsDto;
import io.peeros.rest.internal.error.ApiException;
import io.peeros.vpn.api.DropCause;
import io.peeros.vpn.api.PathKind;
import io.peeros.vpn.api.Swarm;
import io.peeros.vpn.api.SwarmMember;
import io.peeros.vpn.api.SwarmService;
import io.peeros.vpn.api.VpnException;
import io.peeros.vpn.api.VpnStats;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.ws.rs.core.Response;

/** Conversions and checks shared by the swarm resources. */
final class Swarms {

    private Swarms() {
    }

    static SwarmDto toDto(Swarm swarm) {
        int up = (int) swarm.members().stream().filter(m -> m.path() != PathKind.NONE).count();
        return new SwarmDto(swarm.id(), emptyToNull(swarm.interfaceName()), emptyToNull(swarm.bridge()),
                swarm.subnet().orElse(null), up, swarm.members().stream().map(Swarms::toDto).toList(),
                toDto(swarm.stats()), swarm.mtu());
    }

    static SwarmMemberDto toDto(SwarmMember member) {
        return new SwarmMemberDto(member.peerId(), member.endpoint().orElse(null), lowerCase(member.path()),
                member.relayPeerId().orElse(null), member.rtt().map(rtt -> rtt.toNanos() / 1_000_000.0).orElse(null),
                member.lastHandshake().map(Iso8601::of).orElse(null), toDto(member.stats()));
    }

    static VpnStatsDto toDto(VpnStats stats) {
        Map<String, Long> drops = new LinkedHashMap<>();
        for (DropCause cause : DropCause.values()) {
            if (stats.drops().containsKey(cause)) {
                drops.put(lowerCase(cause), stats.dropped(cause));
            }
        }
        return new VpnStatsDto(stats.rxBytes(), stats.txBytes(), stats.rxPackets(), stats.txPackets(),
                stats.handshakes(), stats.dropped(), drops);
    }

    /** A joined swarm, or {@code SWARM_NOT_FOUND} (404). */
    static Swarm get(SwarmService service, String id) {
        return service.get(id).orElseThrow(() -> notFound(id));
    }

    static VpnException notFound(String id) {
        return new VpnException("SWARM_NOT_FOUND", "This peer has not joined a swarm '" + id + "'.");
    }

    /** The member ids of a request body: present, and none of them null or blank. */
    static Set<String> members(List<String> members) {
        if (members == null) {
            throw new ApiException(Response.Status.BAD_REQUEST, "FIELD_MISSING", "Field 'members' is required.");
        }
        Set<String> ids = new LinkedHashSet<>();
        for (int i = 0; i < members.size(); i++) {
            String id = members.get(i);
            if (id == null || id.isBlank()) {
                throw new ApiException(Response.Status.BAD_REQUEST, "FIELD_INVALID", "Field 'members[" + i
                        + "]' must be a peer id.");
            }
            ids.add(id.strip());
        }
        return ids;
    }

    private static String lowerCase(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }

    private static String emptyToNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }
}
