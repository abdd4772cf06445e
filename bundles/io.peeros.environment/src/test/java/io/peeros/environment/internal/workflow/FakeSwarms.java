package io.peeros.environment.internal.workflow;

import io.peeros.vpn.api.Swarm;
import io.peeros.vpn.api.SwarmService;
import io.peeros.vpn.api.SwarmSpec;
import io.peeros.vpn.api.VpnException;
import io.peeros.vpn.api.VpnStats;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/** Swarms in memory: a bridge per swarm (made known to the fake container manager), subnets checked for overlap. */
final class FakeSwarms implements SwarmService {

    private final GuestContainers containers;
    private final Map<String, Swarm> swarms = new TreeMap<>();
    final Map<String, Set<String>> members = new TreeMap<>();
    /** Subnets "in use by a local network": joining with one of them fails with SUBNET_OVERLAP. */
    final Set<String> localSubnets = new java.util.HashSet<>();

    FakeSwarms(GuestContainers containers) {
        this.containers = containers;
    }

    @Override
    public synchronized Swarm join(SwarmSpec spec) {
        String subnet = spec.subnet().orElseThrow();
        Swarm existing = swarms.get(spec.id());
        if (existing == null) {
            boolean overlap = localSubnets.contains(subnet) || swarms.values().stream()
                    .anyMatch(s -> s.subnet().orElse("").equals(subnet));
            if (overlap) {
                throw new VpnException("SUBNET_OVERLAP", "subnet " + subnet + " is in use on this peer");
            }
            String bridge = "pb" + Integer.toHexString(spec.id().hashCode());
            synchronized (containers.fake) {
                containers.fake.bridges.add(bridge);
            }
            existing = new Swarm(spec.id(), "pt" + Integer.toHexString(spec.id().hashCode()), List.of(),
                    VpnStats.EMPTY, bridge, Optional.of(subnet), 1400);
            swarms.put(spec.id(), existing);
        } else if (!existing.subnet().orElse("").equals(subnet)) {
            throw new VpnException("SUBNET_CHANGED", "swarm " + spec.id() + " has another subnet");
        }
        members.put(spec.id(), spec.members());
        return existing;
    }

    @Override
    public synchronized boolean leave(String swarmId) {
        Swarm s = swarms.remove(swarmId);
        members.remove(swarmId);
        if (s != null) {
            synchronized (containers.fake) {
                containers.fake.bridges.remove(s.bridge());
            }
        }
        return s != null;
    }

    @Override
    public synchronized List<Swarm> list() {
        return new ArrayList<>(swarms.values());
    }

    @Override
    public synchronized Optional<Swarm> get(String swarmId) {
        return Optional.ofNullable(swarms.get(swarmId));
    }
}
