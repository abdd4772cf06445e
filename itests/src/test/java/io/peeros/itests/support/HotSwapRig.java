package io.peeros.itests.support;

import io.peeros.itests.support.PeerBundles.Bundle;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Two registered peers (A and B, each a distribution in its own network namespace) with an environment of one
 * busybox container on each, built by A from a blueprint; {@link #swap} updates one of A's bundles with a
 * rebuilt jar ({@code bundle:update}) while {@link HotSwapLoad} runs between the two containers through the
 * environment's swarm and against A's REST API, and reports what the load saw and what the update restarted.
 * Shared by {@code HotSwapIT} and {@code HotSwapBench}.
 */
public final class HotSwapRig implements AutoCloseable {

    public static final String ENVIRONMENT = "swap";
    private static final Pattern IPV4 = Pattern.compile("inet (\\d+\\.\\d+\\.\\d+\\.\\d+)/");
    private static final Pattern PEER_ID = Pattern.compile("(?m)^[0-9a-f]{64}\\s*$");
    private static final Duration SETTLE = Duration.ofMillis(1500);
    private static final Duration COMPONENTS_BACK = Duration.ofSeconds(60);

    private final PeerMesh mesh;
    private final String[] passwords;
    private String[] containers = new String[2];
    private String targetAddress;
    private int stamp;

    /** One swap under load. */
    public record Swap(String bundle, HotSwapLoad.Result load, long updateMs, boolean updateInWindow,
            boolean pidsUnchanged, String pidsBefore, String pidsAfter, List<String> restarted, String updateOutput) {

        public String summary() {
            return bundle + ": update " + updateMs + " ms" + (updateInWindow ? "" : " (OUTLASTED the load window)")
                    + "; " + load.summary() + "; PIDs " + (pidsUnchanged ? "unchanged " + pidsAfter
                    : "CHANGED " + pidsBefore + " -> " + pidsAfter) + "; components restarted: " + restarted;
        }
    }

    private HotSwapRig(PeerMesh mesh, String... passwords) {
        this.mesh = mesh;
        this.passwords = passwords;
    }

    /**
     * Starts peers {@code prefix-a} and {@code prefix-b}, builds the busybox template on A and the environment
     * {@value #ENVIRONMENT} (container {@code one} on A, {@code two} on B), and waits until one reaches two.
     */
    public static HotSwapRig start(String prefix, Path busyboxRecipeScript) {
        PeerMesh mesh = PeerMesh.start(2, prefix, peer -> peer.configure("io.peeros.vpn",
                Map.of("refreshSeconds", "2")));
        // PeerMesh's owner passwords.
        HotSwapRig rig = new HotSwapRig(mesh, "owner-0-Secret-123", "owner-1-Secret-123");
        try {
            rig.buildEnvironment(prefix, busyboxRecipeScript);
            return rig;
        } catch (RuntimeException | Error e) {
            rig.close();
            throw e;
        }
    }

    private void buildEnvironment(String prefix, Path busyboxRecipeScript) {
        PeerProcess a = mesh.peer(0);
        Path recipe = a.home().resolve("busybox-template");
        Processes.check("sh", busyboxRecipeScript.toString(), recipe.toString());
        expectNoError(a.shell("template:build -i " + recipe + " busybox 1.0.0 "
                + a.home().resolve("busybox-1.0.0.tar")));
        Path blueprint = a.home().resolve(ENVIRONMENT + ".yaml");
        write(blueprint, "name: " + ENVIRONMENT + "\n"
                + "description: one container on each of two peers, for hot-swap tests\n"
                + "containers:\n" + group("one", prefix + "-a") + group("two", prefix + "-b"));
        String built = a.shell("env:build " + blueprint, Duration.ofMinutes(5));
        if (!built.toLowerCase().contains("healthy") || built.contains("Error")) {
            throw new AssertionError("env:build " + ENVIRONMENT + " did not end HEALTHY:\n" + built);
        }
        for (int i = 0; i < 2; i++) {
            List<String> names = containerNames(i);
            if (names.size() != 1) {
                throw new AssertionError("peer " + i + " should host one container: " + names);
            }
            containers[i] = names.get(0);
        }
        targetAddress = environmentAddress(1);
        // Through the swarm: one reaches two's environment address.
        Instant deadline = Instant.now().plusSeconds(60);
        while (true) {
            Processes.Result ping = Processes.run(List.of("nsenter", "-t", Long.toString(pid(0)), "-n", "ping", "-c",
                    "3", "-i", "0.2", "-w", "5", targetAddress), Map.of(), null, Duration.ofSeconds(20));
            if (ping.exitCode() == 0) {
                break;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("container one never reached " + targetAddress + ":\n" + ping.all()
                        + "\n" + a.shell("env:show " + ENVIRONMENT));
            }
            pause(Duration.ofSeconds(1));
        }
    }

    /**
     * The address of peer {@code i}'s container on the environment's switch: the one that is not on the peer's
     * host bridge ({@code eth0}).
     */
    private String environmentAddress(int i) {
        String addresses = Processes.check("nsenter", "-t", Long.toString(pid(i)), "-n", "ip", "-4", "-o", "addr",
                "show");
        for (String line : addresses.lines().toList()) {
            Matcher m = IPV4.matcher(line);
            if (m.find() && !line.contains(" lo ") && !line.contains(" eth0 ")) {
                return m.group(1);
            }
        }
        throw new AssertionError("container " + containers[i] + " has no environment address:\n" + addresses);
    }

    /** The implementation bundles installed on peer A. */
    public List<Bundle> implementationBundles() {
        return implementationBundles(0);
    }

    /** The implementation bundles installed on peer {@code peer} (0 = A, 1 = B). */
    public List<Bundle> implementationBundles(int peer) {
        return PeerBundles.implementations(mesh.peer(peer));
    }

    /** {@link #swap(int, Bundle, Duration)} on peer A, the builder and host of the pinging container. */
    public Swap swap(Bundle bundle, Duration window) {
        return swap(0, bundle, window);
    }

    /**
     * Updates {@code bundle} on peer {@code peer} with a rebuilt jar while the load runs for {@code window}, REST
     * being polled on that peer: the load
     * settles for 1.5 s, then {@code bundle:update}, then the bundle must be ACTIVE with every PeerOS service of
     * the peer registered again and the PeerOS shell commands answering. The update time is read from the peer's clock in
     * the shell session: from just before {@code bundle:update} until the check has seen everything back (in that
     * session, or in a later one if the check had to be repeated).
     */
    public Swap swap(int peer, Bundle bundle, Duration window) {
        PeerProcess a = mesh.peer(peer);
        List<Bundle> all = PeerBundles.all(a);
        // peer:id answers only when the PeerOS shell commands are registered (they are not DS services).
        String probe = PeerBundles.servicesCommand(all) + "\nbundle:list -s --no-format\npeer:id";
        Map<String, String> before = PeerBundles.services(a.shell(probe));
        String pidsBefore = pids();
        Path jar = PeerBundles.rebuild(a, bundle.symbolicName(), Integer.toString(++stamp));

        HotSwapLoad.Running load = HotSwapLoad.start(targets(peer), window);
        Instant windowEnd = Instant.now().plus(window);
        pause(SETTLE);
        // Timed by the peer's own clock, so bin/client's start-up and login do not count.
        String output = a.shell(clock("T0") + "\nbundle:update " + bundle.id() + " " + jar.toUri() + "\n" + probe
                + "\n" + clock("T1"));
        long t0 = stamp(output, "T0");
        Map<String, String> after = PeerBundles.services(output);
        Instant deadline = Instant.now().plus(COMPONENTS_BACK);
        while (!back(before, after, output, bundle)) {
            if (Instant.now().isAfter(deadline)) {
                load.await();
                throw new AssertionError("after updating " + bundle.symbolicName() + " on " + a.name()
                        + ", its services did not come"
                        + " back in " + COMPONENTS_BACK + ": before " + before.keySet() + ", now:\n" + output);
            }
            pause(Duration.ofMillis(200));
            output = a.shell(probe + "\n" + clock("T1"));
            after = PeerBundles.services(output);
        }
        long updateMs = stamp(output, "T1") - t0;
        boolean inWindow = Instant.now().isBefore(windowEnd.minus(SETTLE));
        HotSwapLoad.Result result = load.await();
        String pidsAfter = pids();
        List<String> restarted = new ArrayList<>();
        Map<String, String> now = after;
        before.forEach((component, ids) -> {
            if (!ids.equals(now.get(component))) {
                restarted.add(component);
            }
        });
        return new Swap(bundle.symbolicName(), result, updateMs, inWindow, pidsBefore.equals(pidsAfter), pidsBefore,
                pidsAfter, restarted, output);
    }

    /** A shell line that prints {@code label} and the peer's clock in milliseconds. */
    private static String clock(String label) {
        return "echo " + label + " ((new java.util.Date) time)";
    }

    private static long stamp(String output, String label) {
        Matcher m = Pattern.compile("(?m)^" + label + " (\\d+)\\s*$").matcher(output);
        if (!m.find()) {
            throw new AssertionError("no " + label + " time in the shell's answer:\n" + output);
        }
        return Long.parseLong(m.group(1));
    }

    private static boolean back(Map<String, String> before, Map<String, String> after, String output, Bundle bundle) {
        boolean active = PeerBundles.parse(output).stream()
                .anyMatch(b -> b.id() == bundle.id() && b.state().equals("Active"));
        return active && after.keySet().containsAll(before.keySet()) && PEER_ID.matcher(output).find();
    }

    /** A load window with no update: what the harness itself sees on a quiet peer. */
    public HotSwapLoad.Result idle(Duration window) {
        return HotSwapLoad.start(targets(0), window).await();
    }

    private HotSwapLoad.Targets targets(int restPeer) {
        return new HotSwapLoad.Targets(pid(0), pid(1), targetAddress, mesh.peer(restPeer), "admin",
                passwords[restPeer]);
    }

    /** The init PIDs of both containers, as the host sees them. */
    public String pids() {
        return pid(0) + "," + pid(1);
    }

    private long pid(int i) {
        PeerProcess peer = mesh.peer(i);
        Processes.Result info = Processes.run(List.of("nsenter", "--net=/run/netns/" + peer.namespace(), "lxc-info",
                "-P", peer.home().resolve("lxc").toString(), "-n", containers[i], "-p", "-H"), Map.of(), null,
                Duration.ofSeconds(20));
        String text = info.stdout().strip();
        if (info.exitCode() != 0 || !text.matches("\\d+")) {
            throw new AssertionError("lxc-info -p " + containers[i] + " on " + peer.name() + ": " + info.all());
        }
        return Long.parseLong(text);
    }

    private List<String> containerNames(int i) {
        PeerProcess peer = mesh.peer(i);
        Processes.Result ls = Processes.run(List.of("nsenter", "--net=/run/netns/" + peer.namespace(), "lxc-ls", "-1",
                "-P", peer.home().resolve("lxc").toString()), Map.of(), null, Duration.ofSeconds(20));
        return ls.stdout().lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
    }

    public PeerMesh mesh() {
        return mesh;
    }

    /** Whether the environment still shows HEALTHY on A. */
    public String environmentState() {
        return mesh.peer(0).shell("env:show " + ENVIRONMENT);
    }

    @Override
    public void close() {
        for (int i = 0; i < mesh.size(); i++) {
            try {
                mesh.peer(i).destroyContainers(containerNames(i).toArray(String[]::new));
            } catch (RuntimeException e) {
                // keep cleaning up
            }
        }
        mesh.close();
    }

    private static String group(String name, String peer) {
        return "  - name: " + name + "\n"
                + "    template: busybox\n"
                // The test peers keep containers on ext4, where disk limits are refused: CPU and RAM only.
                + "    quota:\n"
                + "      cpu: 50\n"
                + "      ram: 64MiB\n"
                + "    count: 1\n"
                + "    placement:\n"
                + "      peer: " + peer + "\n";
    }

    private static void write(Path file, String text) {
        try {
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void expectNoError(String output) {
        if (output.contains("Error")) {
            throw new AssertionError(output);
        }
    }

    private static void pause(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
