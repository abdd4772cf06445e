package io.peeros.container.lxc.internal;

import io.peeros.container.api.ContainerException;
import io.peeros.container.api.ContainerManager;
import io.peeros.container.api.ContainerState;
import io.peeros.container.api.NetworkAttachment;
import io.peeros.container.lxc.internal.network.HostNetwork;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A container's attachments to environment bridges, kept in its LXC config as {@code lxc.net.1} to
 * {@code lxc.net.4} (the peer owns {@code lxc.net.*}; {@code lxc.net.0} is its own bridge): a veth named
 * {@code eth<N>} inside. LXC makes them at every start, with its random host end names (as for {@code eth0}: a
 * fixed name could collide with the veth of a just-stopped container the kernel has not finished deleting); a
 * running container is also hot-plugged through {@link HostNetwork}, and unplugged by deleting its end inside.
 * Every change records the container's bridges with the host network first, so the isolating rules are in place
 * before a veth joins a bridge. The caller holds the container's lock.
 */
final class Attachments {

    /** One attachment as the config holds it. */
    record Attached(int index, String device, NetworkAttachment attachment) {
    }

    private static final Pattern NET_KEY = Pattern.compile("lxc\\.net\\.([0-9]+)\\.(.+)");

    private final ContainerFiles files;
    private final HostNetwork network;

    Attachments(ContainerFiles files, HostNetwork network) {
        this.files = files;
        this.network = network;
    }

    /** The container's attachments by index, as its config holds them; incomplete entries are left out. */
    SortedMap<Integer, Attached> read(String name) throws IOException {
        return parse(files.configLines(name));
    }

    /** The attachments by interface name, for {@code ContainerInfo}. */
    Map<String, NetworkAttachment> byDevice(String name) {
        try {
            Map<String, NetworkAttachment> all = new TreeMap<>();
            read(name).values().forEach(a -> all.put(a.device(), a.attachment()));
            return all;
        } catch (IOException e) {
            return Map.of();
        }
    }

    static SortedMap<Integer, Attached> parse(List<String> lines) {
        Map<Integer, Map<String, String>> keys = new HashMap<>();
        for (String line : lines) {
            Matcher m = NET_KEY.matcher(ContainerFiles.key(line));
            if (m.matches()) {
                int index = Integer.parseInt(m.group(1));
                if (index >= 1 && index <= ContainerManager.MAX_ATTACHMENTS) {
                    keys.computeIfAbsent(index, i -> new HashMap<>()).put(m.group(2),
                            line.substring(line.indexOf('=') + 1).strip());
                }
            }
        }
        SortedMap<Integer, Attached> all = new TreeMap<>();
        keys.forEach((index, k) -> {
            try {
                String address = k.getOrDefault("ipv4.address", "").split("\\s+")[0];
                NetworkAttachment a = new NetworkAttachment(k.get("link"), address,
                        Integer.parseInt(k.getOrDefault("mtu", "1500")), k.get("hwaddr"));
                if (a.effectiveMac().equals(NetworkAttachment.defaultMac(a.address()))) {
                    a = a.withMac(null);
                }
                all.put(index, new Attached(index, k.getOrDefault("name", "eth" + index), a));
            } catch (RuntimeException e) {
                // not an attachment the peer wrote: the index stays taken, the entry is not reported
                all.put(index, null);
            }
        });
        all.values().removeIf(a -> a == null);
        return all;
    }

    /** Indices 1 to 4 that some {@code lxc.net.N} key uses, complete or not. */
    private static Set<Integer> usedIndices(List<String> lines) {
        Set<Integer> used = new TreeSet<>();
        for (String line : lines) {
            Matcher m = NET_KEY.matcher(ContainerFiles.key(line));
            if (m.matches()) {
                used.add(Integer.parseInt(m.group(1)));
            }
        }
        return used;
    }

    /**
     * Attaches container {@code name}, in {@code state} with init {@code pid} (0 when stopped), to {@code a}'s
     * bridge.
     */
    void attach(String name, ContainerState state, int pid, NetworkAttachment a) throws IOException {
        String bridge = a.bridge();
        if (bridge.equals(network.settings().bridge())) {
            throw invalid(bridge + " is the peer's own bridge, which every container is on already as eth0");
        }
        if (!network.isBridge(bridge)) {
            throw invalid("there is no bridge " + bridge + " on this host (is the environment's network up?)");
        }
        List<String> lines = files.configLines(name);
        SortedMap<Integer, Attached> held = parse(lines);
        for (Attached h : held.values()) {
            if (h.attachment().bridge().equals(bridge)) {
                throw invalid("container " + name + " is already attached to " + bridge + " as " + h.device()
                        + " (" + h.attachment().address() + "); detach it first to change it");
            }
        }
        Set<Integer> used = usedIndices(lines);
        int index = 1;
        while (used.contains(index)) {
            index++;
        }
        if (index > ContainerManager.MAX_ATTACHMENTS) {
            throw invalid("container " + name + " has " + ContainerManager.MAX_ATTACHMENTS + " attachments (eth1 to "
                    + "eth" + ContainerManager.MAX_ATTACHMENTS + ") already; detach one first");
        }
        refuseTakenAddress(name, a);
        int livePid = livePid(name, state, pid);
        String device = "eth" + index;
        String hostEnd = hostEnd(index);
        Set<String> before = bridges(held);
        Set<String> after = new TreeSet<>(before);
        after.add(bridge);
        network.environment(name, after);
        boolean plugged = false;
        try {
            if (livePid > 0) {
                network.veths().plug(livePid, hostEnd, device, a);
                plugged = true;
            }
            files.replaceKeys(name, k -> false, lines(index, device, a));
        } catch (IOException | RuntimeException e) {
            if (plugged) {
                try {
                    network.veths().unplug(livePid, device);
                } catch (RuntimeException undo) {
                    e.addSuppressed(undo);
                }
            }
            try {
                network.environment(name, before);
            } catch (RuntimeException undo) {
                e.addSuppressed(undo);
            }
            throw e;
        }
    }

    /** Detaches {@code name} from {@code bridge}. */
    void detach(String name, ContainerState state, int pid, String bridge) throws IOException {
        List<String> lines = files.configLines(name);
        SortedMap<Integer, Attached> held = parse(lines);
        Attached gone = held.values().stream().filter(h -> h.attachment().bridge().equals(bridge)).findFirst()
                .orElseThrow(() -> new ContainerException(ContainerException.NOT_FOUND, "container " + name
                        + " is not attached to bridge " + bridge));
        int livePid = livePid(name, state, pid);
        String prefix = "lxc.net." + gone.index() + ".";
        files.replaceKeys(name, k -> k.startsWith(prefix), List.of());
        if (livePid > 0) {
            try {
                network.veths().unplug(livePid, gone.device());
            } catch (RuntimeException e) {
                try {
                    files.restoreConfig(name, lines);
                } catch (IOException undo) {
                    e.addSuppressed(undo);
                }
                throw e;
            }
        }
        held.remove(gone.index());
        network.environment(name, bridges(held));
    }

    /** The bridges a container's config attaches it to; what the host network is told at activation. */
    Set<String> bridges(String name) throws IOException {
        return bridges(read(name));
    }

    /** Bridges of attachments that do not exist now; a container with one cannot start. */
    List<String> missingBridges(String name) throws IOException {
        List<String> missing = new ArrayList<>();
        for (Attached a : read(name).values()) {
            if (!network.isBridge(a.attachment().bridge())) {
                missing.add(a.attachment().bridge() + " (" + a.device() + ")");
            }
        }
        return missing;
    }

    private static Set<String> bridges(SortedMap<Integer, Attached> held) {
        return held.values().stream().map(h -> h.attachment().bridge()).collect(Collectors.toCollection(TreeSet::new));
    }

    /** Refuses an address another container of this LXC path has on the same bridge. */
    private void refuseTakenAddress(String name, NetworkAttachment a) throws IOException {
        for (String other : files.names()) {
            if (other.equals(name)) {
                continue;
            }
            SortedMap<Integer, Attached> theirs;
            try {
                theirs = read(other);
            } catch (IOException e) {
                continue;
            }
            for (Attached t : theirs.values()) {
                if (t.attachment().bridge().equals(a.bridge()) && t.attachment().ip().equals(a.ip())) {
                    throw invalid("address " + a.ip() + " on " + a.bridge() + " is taken by container " + other);
                }
            }
        }
    }

    private static int livePid(String name, ContainerState state, int pid) {
        if (state == ContainerState.STOPPED) {
            return 0;
        }
        if ((state == ContainerState.RUNNING || state == ContainerState.FROZEN) && pid > 0) {
            return pid;
        }
        throw new ContainerException(ContainerException.INVALID_STATE, "container " + name + " is " + state
                + ": attachments change while it is RUNNING, FROZEN or STOPPED");
    }

    static List<String> lines(int index, String device, NetworkAttachment a) {
        String k = "lxc.net." + index + ".";
        return List.of(k + "type = veth", k + "link = " + a.bridge(), k + "name = " + device,
                k + "mtu = " + a.mtu(), k + "hwaddr = " + a.effectiveMac(),
                k + "ipv4.address = " + a.address() + " " + a.broadcast(), k + "flags = up");
    }

    /**
     * A host end name for a hot-plug: {@code vp} + 8 random hex digits + {@code a<index>}, 12 characters, unlike
     * LXC's {@code vethXXXXXX} (the host end lives only as long as the container's network namespace).
     */
    private static String hostEnd(int index) {
        return String.format("vp%08xa%d", ThreadLocalRandom.current().nextInt(), index);
    }

    private static ContainerException invalid(String message) {
        return new ContainerException(ContainerException.INVALID_REQUEST, message);
    }
}
