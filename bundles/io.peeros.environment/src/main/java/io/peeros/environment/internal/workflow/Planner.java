package io.peeros.environment.internal.workflow;

import io.peeros.container.api.Quota;
import io.peeros.container.api.SizeClass;
import io.peeros.environment.api.ContainerGroup;
import io.peeros.environment.api.EnvironmentContainer;
import io.peeros.environment.api.EnvironmentException;
import io.peeros.environment.api.Placement;
import io.peeros.environment.api.PlannedContainer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Places containers on peers. A group goes to the peer its placement names, or to peers with the free RAM and disk
 * it asks for and room for its quota, that have its template or can fetch it from another candidate that has it; groups sharing a {@code together} label share one
 * peer. SPREAD puts each container on the eligible peer with the fewest of the group (then the most free RAM),
 * PACK on the one with the most. Addresses are .10 upward in creation order. Exposed ports become host ports on
 * the chosen peer ({@link Ports}).
 */
final class Planner {

    static final int FIRST_HOST = 10;
    static final int LAST_HOST = 254;

    private final Map<SizeClass, Quota> sizes;

    Planner(Map<SizeClass, Quota> sizes) {
        this.sizes = sizes;
    }

    /** One group's containers to place, with their hostnames. */
    record Request(ContainerGroup group, List<String> hostnames) {
    }

    /**
     * Places the requested containers next to the {@code existing} ones of environment {@code environmentId}.
     *
     * @throws EnvironmentException PLACEMENT_IMPOSSIBLE naming the group and why each peer was rejected
     */
    List<PlannedContainer> place(String environmentId, String subnet, List<Request> requests,
            List<Candidate> candidates, List<PlannedContainer> existing, Map<String, String> groupLabels) {
        Map<String, Long> ram = new HashMap<>();
        Map<String, Long> disk = new HashMap<>();
        for (Candidate c : candidates) {
            if (c.capacity() != null) {
                ram.put(c.peerId(), c.capacity().freeRamBytes());
                disk.put(c.peerId(), c.capacity().freeDiskBytes());
            }
        }
        Map<String, String> labelPeer = new HashMap<>();
        Map<String, Map<String, Integer>> groupCounts = new HashMap<>();
        Set<Integer> usedHosts = new TreeSet<>();
        Ports ports = new Ports(environmentId, existing.stream().map(PlannedContainer::container).toList());
        for (PlannedContainer p : existing) {
            EnvironmentContainer c = p.container();
            String label = groupLabels.get(c.group());
            if (label != null) {
                labelPeer.putIfAbsent(label, c.peerId());
            }
            groupCounts.computeIfAbsent(c.group(), g -> new HashMap<>()).merge(c.peerId(), 1, Integer::sum);
            usedHosts.add(hostPart(c.address()));
        }
        List<PlannedContainer> placed = new ArrayList<>();
        for (Request request : requests) {
            ContainerGroup group = request.group();
            Quota quota = quota(group);
            long needRam = quota.memoryBytes() == null ? 0 : quota.memoryBytes();
            long needDisk = quota.diskBytes() == null ? 0 : quota.diskBytes();
            Placement placement = group.placement();
            List<Candidate> allowed = named(group, candidates);
            Map<String, Integer> counts = groupCounts.computeIfAbsent(group.name(), g -> new HashMap<>());
            for (String hostname : request.hostnames()) {
                Map<String, String> reasons = new LinkedHashMap<>();
                List<Candidate> eligible = new ArrayList<>();
                for (Candidate c : candidates) {
                    String why = rejection(c, group, allowed, labelPeer, ram.getOrDefault(c.peerId(), 0L),
                            disk.getOrDefault(c.peerId(), 0L), needRam, needDisk,
                            !templateSources(group.template(), candidates).isEmpty());
                    if (why == null) {
                        eligible.add(c);
                    } else {
                        reasons.put(c.label(), why);
                    }
                }
                if (eligible.isEmpty()) {
                    StringBuilder message = new StringBuilder("group '" + group.name() + "' (container " + hostname
                            + ") cannot be placed:");
                    reasons.forEach((peer, why) -> message.append(" peer ").append(peer).append(": ").append(why)
                            .append(';'));
                    message.setLength(message.length() - 1);
                    throw new EnvironmentException("PLACEMENT_IMPOSSIBLE", message.toString());
                }
                Candidate chosen = choose(eligible, placement.strategy(), counts, ram);
                counts.merge(chosen.peerId(), 1, Integer::sum);
                ram.merge(chosen.peerId(), -needRam, Long::sum);
                disk.merge(chosen.peerId(), -needDisk, Long::sum);
                if (placement.together() != null) {
                    labelPeer.putIfAbsent(placement.together(), chosen.peerId());
                }
                int host = nextHost(usedHosts, environmentId);
                String address = hostAddress(subnet, host) + "/" + subnet.substring(subnet.indexOf('/') + 1);
                EnvironmentContainer unmapped = new EnvironmentContainer(containerName(environmentId, hostname),
                        hostname, group.name(), chosen.peerId(), address, group.template());
                EnvironmentContainer container = new EnvironmentContainer(unmapped.name(), hostname, group.name(),
                        chosen.peerId(), address, group.template(), ports.take(group, unmapped, chosen.label()));
                placed.add(new PlannedContainer(container, chosen.name(), quota));
            }
        }
        return placed;
    }

    /**
     * The candidates that have {@code template}, in the order they were gathered (this peer first): where a peer
     * that lacks it fetches it from.
     */
    static List<String> templateSources(String template, List<Candidate> candidates) {
        return candidates.stream().filter(c -> c.capacity() != null && c.capacity().templates().contains(template))
                .map(Candidate::peerId).toList();
    }

    /** {@link #templateSources} of every template the candidates have. */
    static Map<String, List<String>> templateSources(List<Candidate> candidates) {
        Map<String, List<String>> sources = new HashMap<>();
        candidates.stream().filter(c -> c.capacity() != null).flatMap(c -> c.capacity().templates().stream())
                .distinct().forEach(t -> sources.put(t, templateSources(t, candidates)));
        return sources;
    }

    /** The size classes of the container bundle's defaults, for when no quota service is there to ask. */
    static Map<SizeClass, Quota> defaultSizes() {
        Map<SizeClass, Quota> sizes = new java.util.EnumMap<>(SizeClass.class);
        sizes.put(SizeClass.TINY, size(256, 10, 4));
        sizes.put(SizeClass.SMALL, size(512, 25, 10));
        sizes.put(SizeClass.MEDIUM, size(1024, 50, 20));
        sizes.put(SizeClass.LARGE, size(2048, 75, 40));
        sizes.put(SizeClass.HUGE, size(4096, 100, 100));
        return sizes;
    }

    private static Quota size(long ramMiB, int cpu, long diskGiB) {
        return Quota.NONE.withMemoryBytes(ramMiB << 20).withCpuPercent(cpu).withDiskBytes(diskGiB << 30);
    }

    /** Group name to {@code together} label, for the groups that have one. */
    static Map<String, String> labels(io.peeros.environment.api.Blueprint blueprint) {
        Map<String, String> labels = new LinkedHashMap<>();
        blueprint.containers().stream().filter(g -> g.placement().together() != null)
                .forEach(g -> labels.put(g.name(), g.placement().together()));
        return labels;
    }

    Quota quota(ContainerGroup group) {
        if (group.quota() != null) {
            return group.quota();
        }
        return group.size() == null ? Quota.NONE : sizes.getOrDefault(group.size(), Quota.NONE);
    }

    private static String rejection(Candidate c, ContainerGroup group, List<Candidate> allowed,
            Map<String, String> labelPeer, long freeRam, long freeDisk, long needRam, long needDisk,
            boolean fetchable) {
        Placement p = group.placement();
        if (c.capacity() == null) {
            return "unavailable (" + c.unavailable() + ")";
        }
        if (!allowed.contains(c)) {
            return "placement.peer is " + p.peer();
        }
        String bound = p.together() == null ? null : labelPeer.get(p.together());
        if (bound != null && !bound.equals(c.peerId())) {
            return "groups labelled together '" + p.together() + "' are on peer " + bound.substring(0,
                    Math.min(8, bound.length()));
        }
        if (!fetchable) {
            return "has no template " + group.template();
        }
        if (p.minFreeRamBytes() != null && freeRam < p.minFreeRamBytes()) {
            return "free RAM " + bytes(freeRam) + " is below the " + bytes(p.minFreeRamBytes()) + " asked for";
        }
        if (p.minFreeDiskBytes() != null && freeDisk < p.minFreeDiskBytes()) {
            return "free disk " + bytes(freeDisk) + " is below the " + bytes(p.minFreeDiskBytes()) + " asked for";
        }
        if (freeRam < needRam) {
            return "free RAM " + bytes(freeRam) + " is less than the container's " + bytes(needRam);
        }
        if (freeDisk < needDisk) {
            return "free disk " + bytes(freeDisk) + " is less than the container's " + bytes(needDisk);
        }
        return null;
    }

    /** The candidates a group's {@code placement.peer} allows: all when it names none. */
    private static List<Candidate> named(ContainerGroup group, List<Candidate> candidates) {
        String peer = group.placement().peer();
        if (peer == null) {
            return candidates;
        }
        List<Candidate> byId = candidates.stream().filter(c -> c.peerId().equals(peer)).toList();
        if (!byId.isEmpty()) {
            return byId;
        }
        List<Candidate> byPrefix = peer.length() >= 8
                ? candidates.stream().filter(c -> c.peerId().startsWith(peer.toLowerCase(Locale.ROOT))).toList()
                : List.of();
        List<Candidate> byName = candidates.stream().filter(c -> c.name().equals(peer)).toList();
        List<Candidate> matches = byPrefix.isEmpty() ? byName : byPrefix;
        if (matches.size() == 1) {
            return matches;
        }
        String known = String.join(", ", candidates.stream().map(Candidate::label).toList());
        throw new EnvironmentException("PLACEMENT_IMPOSSIBLE", "group '" + group.name() + "': placement.peer '"
                + peer + "' " + (matches.isEmpty() ? "matches no approved peer" : "matches several peers")
                + " (this peer and the approved ones: " + known + ")");
    }

    private static Candidate choose(List<Candidate> eligible, Placement.Strategy strategy,
            Map<String, Integer> counts, Map<String, Long> ram) {
        Candidate best = null;
        for (Candidate c : eligible) {
            if (best == null || better(c, best, strategy, counts, ram)) {
                best = c;
            }
        }
        return best;
    }

    private static boolean better(Candidate a, Candidate b, Placement.Strategy strategy, Map<String, Integer> counts,
            Map<String, Long> ram) {
        int ca = counts.getOrDefault(a.peerId(), 0);
        int cb = counts.getOrDefault(b.peerId(), 0);
        if (ca != cb) {
            return strategy == Placement.Strategy.PACK ? ca > cb : ca < cb;
        }
        return ram.getOrDefault(a.peerId(), 0L) > ram.getOrDefault(b.peerId(), 0L);
    }

    private static int nextHost(Set<Integer> used, String environmentId) {
        for (int h = FIRST_HOST; h <= LAST_HOST; h++) {
            if (used.add(h)) {
                return h;
            }
        }
        throw new EnvironmentException("PLACEMENT_IMPOSSIBLE", "environment " + environmentId + " would have more "
                + "than " + (LAST_HOST - FIRST_HOST + 1) + " containers, the most its /24 subnet holds");
    }

    /** The subnet for an environment: a /24 of 10.200.0.0/16 from a hash of its id, skipping {@code used}. */
    static String subnet(String environmentId, Set<String> used) {
        int start = Math.floorMod(environmentId.hashCode(), 256);
        for (int i = 0; i < 256; i++) {
            String candidate = "10.200." + (start + i) % 256 + ".0/24";
            if (!used.contains(candidate)) {
                return candidate;
            }
        }
        throw new EnvironmentException("PLACEMENT_IMPOSSIBLE", "every /24 of 10.200.0.0/16 is in use");
    }

    /** The same container addresses in another /24. */
    static List<PlannedContainer> readdressed(List<PlannedContainer> containers, String subnet) {
        return containers.stream().map(p -> {
            EnvironmentContainer c = p.container();
            String address = hostAddress(subnet, hostPart(c.address())) + c.address().substring(c.address()
                    .indexOf('/'));
            return new PlannedContainer(new EnvironmentContainer(c.name(), c.hostname(), c.group(), c.peerId(),
                    address, c.template(), c.ports()), p.peerName(), p.quota());
        }).toList();
    }

    static String ip(String address) {
        int slash = address.indexOf('/');
        return slash < 0 ? address : address.substring(0, slash);
    }

    private static int hostPart(String address) {
        String ip = ip(address);
        return Integer.parseInt(ip.substring(ip.lastIndexOf('.') + 1));
    }

    private static String hostAddress(String subnet, int host) {
        String network = ip(subnet);
        return network.substring(0, network.lastIndexOf('.') + 1) + host;
    }

    /**
     * The container's name on its peer: {@code <environment id>-<hostname>}, a valid container name
     * ({@code [a-z][a-z0-9-]{0,62}}) unique to the environment; shortened with a hash when too long.
     */
    static String containerName(String environmentId, String hostname) {
        String raw = (environmentId + "-" + hostname).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]", "-");
        if (!Character.isLetter(raw.charAt(0))) {
            raw = "e" + raw;
        }
        if (raw.length() <= 63) {
            return raw;
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(raw.getBytes(StandardCharsets.UTF_8));
            return raw.substring(0, 54) + "-" + HexFormat.of().formatHex(digest).substring(0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String bytes(long n) {
        if (n >= 1L << 30) {
            return String.format(Locale.ROOT, "%.1f GiB", n / (double) (1L << 30));
        }
        return (n >> 20) + " MiB";
    }
}
