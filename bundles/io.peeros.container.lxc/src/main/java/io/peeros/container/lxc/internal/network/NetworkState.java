package io.peeros.container.lxc.internal.network;

import io.peeros.container.api.PortMapping;
import io.peeros.container.api.PortMapping.Protocol;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What the peer has handed out on its network: address leases and port mappings, and the environment bridges
 * its containers are attached to (whose traffic the rules keep off every other interface). Immutable; every
 * change makes a new state, which is written to disk and rendered into nftables rules as a whole.
 *
 * <p>On disk it is one line per item: {@code lease <container> <address> <lxcPath>},
 * {@code port <container> <tcp|udp> <hostPort> <containerPort>} and {@code bridge <container> <bridge>};
 * {@code #} starts a comment.
 */
record NetworkState(Map<String, Lease> leases, List<PortMapping> ports, Map<String, Set<String>> bridges) {

    private static final Comparator<PortMapping> ORDER = Comparator.comparing(PortMapping::protocol)
            .thenComparingInt(PortMapping::hostPort);

    static final NetworkState EMPTY = new NetworkState(Map.of(), List.of());

    NetworkState {
        leases = Collections.unmodifiableMap(new TreeMap<>(leases));
        ports = ports.stream().sorted(ORDER).toList();
        Map<String, Set<String>> b = new TreeMap<>();
        bridges.forEach((container, set) -> {
            if (!set.isEmpty()) {
                b.put(container, Collections.unmodifiableSet(new TreeSet<>(set)));
            }
        });
        bridges = Collections.unmodifiableMap(b);
    }

    NetworkState(Map<String, Lease> leases, List<PortMapping> ports) {
        this(leases, ports, Map.of());
    }

    /** Every bridge some container is attached to, sorted. */
    Set<String> environmentBridges() {
        Set<String> all = new TreeSet<>();
        bridges.values().forEach(all::addAll);
        return Collections.unmodifiableSet(all);
    }

    Set<String> bridges(String container) {
        return bridges.getOrDefault(container, Set.of());
    }

    /** This state with {@code container} attached to exactly {@code attached}. */
    NetworkState withBridges(String container, Set<String> attached) {
        Map<String, Set<String>> next = new TreeMap<>(bridges);
        next.put(container, attached);
        return new NetworkState(leases, ports, next);
    }

    Optional<Lease> lease(String container) {
        return Optional.ofNullable(leases.get(container));
    }

    Optional<PortMapping> port(Protocol protocol, int hostPort) {
        return ports.stream().filter(p -> p.protocol() == protocol && p.hostPort() == hostPort).findFirst();
    }

    List<PortMapping> ports(String container) {
        return ports.stream().filter(p -> p.container().equals(container)).toList();
    }

    /** The lowest address of {@code subnet} after the gateway that no container holds. */
    OptionalInt freeAddress(Ipv4Subnet subnet) {
        Set<Integer> taken = new HashSet<>();
        leases.values().forEach(l -> taken.add(l.address()));
        for (long a = Integer.toUnsignedLong(subnet.firstHost()); a <= Integer.toUnsignedLong(subnet.lastHost()); a++) {
            if (!taken.contains((int) a)) {
                return OptionalInt.of((int) a);
            }
        }
        return OptionalInt.empty();
    }

    NetworkState withLease(Lease lease) {
        Map<String, Lease> next = new TreeMap<>(leases);
        next.put(lease.container(), lease);
        return new NetworkState(next, ports, bridges);
    }

    NetworkState withPort(PortMapping mapping) {
        List<PortMapping> next = new ArrayList<>(ports);
        next.removeIf(p -> p.protocol() == mapping.protocol() && p.hostPort() == mapping.hostPort());
        next.add(mapping);
        return new NetworkState(leases, next, bridges);
    }

    NetworkState withoutPort(Protocol protocol, int hostPort) {
        List<PortMapping> next = new ArrayList<>(ports);
        next.removeIf(p -> p.protocol() == protocol && p.hostPort() == hostPort);
        return new NetworkState(leases, next, bridges);
    }

    /** This state without the container's lease, mappings and bridges. */
    NetworkState without(String container) {
        Map<String, Lease> next = new TreeMap<>(leases);
        next.remove(container);
        Map<String, Set<String>> nextBridges = new TreeMap<>(bridges);
        nextBridges.remove(container);
        return new NetworkState(next, ports.stream().filter(p -> !p.container().equals(container)).toList(),
                nextBridges);
    }

    String serialize() {
        StringBuilder s = new StringBuilder("# PeerOS host network: address leases and port mappings.\n");
        for (Lease l : leases.values()) {
            s.append("lease ").append(l.container()).append(' ').append(l.dotted()).append(' ').append(l.lxcPath())
                    .append('\n');
        }
        for (PortMapping p : ports) {
            s.append("port ").append(p.container()).append(' ').append(p.protocol().lowerCase()).append(' ')
                    .append(p.hostPort()).append(' ').append(p.containerPort()).append('\n');
        }
        bridges.forEach((container, set) -> set.forEach(b -> s.append("bridge ").append(container).append(' ')
                .append(b).append('\n')));
        return s.toString();
    }

    /** Reads what {@link #serialize()} wrote; a malformed line fails with its number, never silently. */
    static NetworkState parse(List<String> lines) {
        Map<String, Lease> leases = new TreeMap<>();
        List<PortMapping> ports = new ArrayList<>();
        Map<String, Set<String>> bridges = new TreeMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split(" ", 4);
            try {
                if (f[0].equals("lease") && f.length == 4) {
                    leases.put(f[1], new Lease(f[1], Ipv4Subnet.parseAddress(f[2]), f[3]));
                } else if (f[0].equals("port") && f.length == 4) {
                    String[] nums = f[3].split(" ");
                    ports.add(new PortMapping(f[1], Protocol.parse(f[2]), Integer.parseInt(nums[0]),
                            Integer.parseInt(nums[1])));
                } else if (f[0].equals("bridge") && f.length == 3) {
                    bridges.computeIfAbsent(f[1], c -> new TreeSet<>()).add(f[2]);
                } else {
                    throw new IllegalArgumentException("unknown entry");
                }
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("line " + (i + 1) + " is malformed (" + e.getMessage() + "): "
                        + line);
            }
        }
        return new NetworkState(leases, ports, bridges);
    }
}
