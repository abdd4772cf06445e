package io.peeros.container.lxc.internal.quota;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Limits a container's network rate with {@code tc} on the host side of its veths, where the tenant cannot
 * undo it. Traffic to the container leaves the host through the veth: a {@code tbf} root qdisc shapes it.
 * Traffic from the container enters the host through the veth; ingress cannot be shaped, so an ingress
 * filter redirects it to an {@code ifb} device ({@code pqi<hash of the veth>}) whose {@code tbf} shapes it
 * (this kernel has no ingress policer). The veth's qdiscs go with the veth when the container stops; the
 * ifb is removed by {@link #removeOrphans()} once its veth is gone, whichever quota service made it.
 */
final class NetworkShaper {

    static final String IFB_PREFIX = "pqi";
    private static final Logger LOG = LoggerFactory.getLogger(NetworkShaper.class);
    private static final Path SYS_NET = Path.of("/sys/class/net");

    /** What was applied to a running container: its init, its veths and the rate (null: cleared). */
    private record Applied(int pid, List<String> veths, Long bits) {
    }

    private final Path lxcPath;
    private final Map<String, Applied> applied = new ConcurrentHashMap<>();

    NetworkShaper(Path lxcPath) {
        this.lxcPath = lxcPath;
    }

    /** The host-side veths of the running container, as its monitor reports them. */
    List<String> veths(String name, int pid) throws IOException {
        Applied a = applied.get(name);
        if (a != null && a.pid() == pid) {
            return a.veths();
        }
        List<String> veths = new ArrayList<>();
        String info = HostCommand.check("lxc-info", "-n", name, "-P", lxcPath.toString(), "-S", "-H");
        for (String line : info.split("\n")) {
            if (line.startsWith("Link:")) {
                String link = line.substring(5).strip();
                if (!link.isEmpty() && isVeth(link)) {
                    veths.add(link);
                }
            }
        }
        return veths;
    }

    /**
     * A veth's {@code iflink} names its peer; for the other link types lxc-info reports (the parent of a
     * macvlan, a physical device) it is the device itself, and those must never be shaped.
     */
    private static boolean isVeth(String link) {
        try {
            Path dir = SYS_NET.resolve(link);
            return !link.contains("/") && !Files.readString(dir.resolve("iflink")).strip()
                    .equals(Files.readString(dir.resolve("ifindex")).strip());
        } catch (IOException e) {
            return false;
        }
    }

    /** Shapes every veth of the running container to {@code bits} per second each way; null clears. */
    void apply(String name, int pid, Long bits) throws IOException {
        List<String> veths = veths(name, pid);
        for (String veth : veths) {
            if (bits == null) {
                clear(veth);
            } else {
                shape(veth, bits);
            }
        }
        applied.put(name, new Applied(pid, veths, bits));
    }

    /** Applies {@code bits} unless it already holds for this run of the container (same init, same veths). */
    void ensure(String name, int pid, Long bits) throws IOException {
        Applied a = applied.get(name);
        if (a == null || a.pid() != pid || !Objects.equals(a.bits(), bits)
                || a.veths().stream().anyMatch(v -> !Files.exists(SYS_NET.resolve(v)))) {
            applied.remove(name);
            apply(name, pid, bits);
        }
    }

    /** Forgets a container that stopped or lost its limit (the veth and its qdiscs are gone with it). */
    void forget(String name) {
        applied.remove(name);
    }

    /**
     * Deletes the ifb devices whose veth is gone, and forgets containers that stopped. An ifb is named after
     * its veth ({@link #ifbName}), so it is an orphan exactly when no interface of this network namespace
     * hashes to its name. This must not depend on what this service applied: every PeerOS quota service on the
     * host (another peer, another LXC path, a test run) sweeps the same {@code pqi} names, and deleting an ifb
     * whose veth still redirects to it leaves that redirect pointing at no device, where {@code mirred} drops
     * every packet the container sends. An ifb of a live veth is only removed by {@link #clear}.
     */
    void removeOrphans() throws IOException {
        applied.values().removeIf(a -> !a.veths().isEmpty()
                && a.veths().stream().noneMatch(v -> Files.exists(SYS_NET.resolve(v))));
        List<String> links;
        try (Stream<Path> list = Files.list(SYS_NET)) {
            links = list.map(l -> l.getFileName().toString()).toList();
        }
        Set<String> inUse = new HashSet<>();
        links.stream().filter(l -> !l.startsWith(IFB_PREFIX)).forEach(l -> inUse.add(ifbName(l)));
        for (String ifb : links) {
            if (ifb.startsWith(IFB_PREFIX) && !inUse.contains(ifb)) {
                LOG.debug("removing rate limiter {}: its veth is gone", ifb);
                HostCommand.run(10_000, List.of("ip", "link", "del", ifb));
            }
        }
    }

    private void shape(String veth, long bits) throws IOException {
        String ifb = ifbName(veth);
        if (!Files.exists(SYS_NET.resolve(ifb))) {
            HostCommand.check("ip", "link", "add", ifb, "type", "ifb");
        }
        HostCommand.check("ip", "link", "set", ifb, "up");
        // a fresh ingress qdisc, so the redirect filter below is the only one
        HostCommand.run(10_000, List.of("tc", "qdisc", "del", "dev", veth, "ingress"));
        for (List<String> tc : shapeCommands(veth, ifb, bits)) {
            HostCommand.check(tc.toArray(String[]::new));
        }
    }

    private void clear(String veth) throws IOException {
        HostCommand.run(10_000, List.of("tc", "qdisc", "del", "dev", veth, "root"));
        HostCommand.run(10_000, List.of("tc", "qdisc", "del", "dev", veth, "ingress"));
        if (Files.exists(SYS_NET.resolve(ifbName(veth)))) {
            HostCommand.check("ip", "link", "del", ifbName(veth));
        }
    }

    /** The tc commands that shape {@code veth} both ways through {@code ifb}, once its ingress qdisc is gone. */
    static List<List<String>> shapeCommands(String veth, String ifb, long bits) {
        String rate = bits + "bit";
        // a burst of 20 ms of traffic, at least a few full frames
        String burst = Long.toString(Math.max(bits / 8 / 50, 8192));
        List<String> tbf = List.of("tbf", "rate", rate, "burst", burst, "latency", "50ms");
        List<List<String>> c = new ArrayList<>();
        c.add(concat(List.of("tc", "qdisc", "replace", "dev", veth, "root"), tbf));
        c.add(concat(List.of("tc", "qdisc", "replace", "dev", ifb, "root"), tbf));
        c.add(List.of("tc", "qdisc", "add", "dev", veth, "handle", "ffff:", "ingress"));
        c.add(List.of("tc", "filter", "add", "dev", veth, "parent", "ffff:", "protocol", "all", "prio", "1", "u32",
                "match", "u32", "0", "0", "action", "mirred", "egress", "redirect", "dev", ifb));
        return c;
    }

    /** {@code pqi} and 12 hex digits of the veth's SHA-256: unique per veth and within IFNAMSIZ. */
    static String ifbName(String veth) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(veth.getBytes(StandardCharsets.UTF_8));
            return IFB_PREFIX + HexFormat.of().formatHex(h).substring(0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
