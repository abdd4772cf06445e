package io.peeros.vpn.api.testing;

import io.peeros.vpn.api.PathKind;
import io.peeros.vpn.api.Swarm;
import io.peeros.vpn.api.SwarmMember;
import io.peeros.vpn.api.SwarmService;
import io.peeros.vpn.api.SwarmSpec;
import io.peeros.vpn.api.VpnException;
import io.peeros.vpn.api.VpnStats;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Swarms in memory, following the SwarmService contract where the shell and REST depend on it: malformed ids and
 * subnets, members that are not trusted, a subnet another swarm has and a changed subnet are refused; a join of
 * new members adds them with no path yet.
 */
public final class FakeSwarmService implements SwarmService {

    public final TreeMap<String, Swarm> swarms = new TreeMap<>();
    public final List<SwarmSpec> joins = new ArrayList<>();
    /** The peers a swarm may admit; null admits everyone. */
    public Set<String> trusted;
    /** The local peer's id: a member of every swarm it joins, never listed among the members. */
    public String self = "";
    /** Thrown by the next joins, as a data plane that cannot make its interfaces would. */
    public VpnException failure;

    public FakeSwarmService with(Swarm swarm) {
        swarms.put(swarm.id(), swarm);
        return this;
    }

    @Override
    public Swarm join(SwarmSpec spec) {
        joins.add(spec);
        if (!spec.id().matches("[A-Za-z0-9][A-Za-z0-9._-]{0,63}")) {
            throw new VpnException("SWARM_INVALID", "'" + spec.id() + "' is not a valid swarm id");
        }
        for (String member : spec.members()) {
            if (trusted != null && !trusted.contains(member)) {
                throw new VpnException("MEMBER_UNKNOWN", "peer " + member + " is not trusted");
            }
        }
        if (spec.subnet().isPresent() && !spec.subnet().get().matches("\\d+\\.\\d+\\.\\d+\\.\\d+/\\d+")) {
            throw new VpnException("SUBNET_INVALID", "'" + spec.subnet().get() + "' is not an IPv4 CIDR");
        }
        for (Swarm other : swarms.values()) {
            if (!other.id().equals(spec.id()) && spec.subnet().isPresent() && other.subnet().equals(spec.subnet())) {
                throw new VpnException("SUBNET_OVERLAP", spec.subnet().get() + " overlaps swarm " + other.id());
            }
        }
        if (failure != null) {
            throw failure;
        }
        Swarm old = swarms.get(spec.id());
        if (old != null && !old.subnet().equals(spec.subnet())) {
            throw new VpnException("SUBNET_CHANGED", "swarm " + spec.id() + " has subnet "
                    + old.subnet().orElse("none"));
        }
        List<SwarmMember> members = new ArrayList<>();
        spec.members().stream().filter(id -> !id.equals(self)).sorted().forEach(id -> members.add(
                old == null ? idle(id) : old.members().stream().filter(m -> m.peerId().equals(id)).findFirst()
                        .orElse(idle(id))));
        Swarm joined = new Swarm(spec.id(), "pvpn" + swarms.headMap(spec.id()).size(), members,
                old == null ? VpnStats.EMPTY : old.stats(), "pbr-" + spec.id(), spec.subnet());
        swarms.put(joined.id(), joined);
        return joined;
    }

    @Override
    public boolean leave(String swarmId) {
        return swarms.remove(swarmId) != null;
    }

    @Override
    public List<Swarm> list() {
        return List.copyOf(swarms.values());
    }

    @Override
    public Optional<Swarm> get(String swarmId) {
        return Optional.ofNullable(swarms.get(swarmId));
    }

    public static SwarmMember idle(String peerId) {
        return new SwarmMember(peerId, Optional.empty(), PathKind.NONE, Optional.empty(), Optional.empty(),
                Optional.empty(), VpnStats.EMPTY);
    }
}
