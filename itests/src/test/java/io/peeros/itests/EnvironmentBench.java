package io.peeros.itests;

import static org.hamcrest.CoreMatchers.containsString;
import static org.hamcrest.CoreMatchers.not;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.junit.Assert.assertEquals;

import io.peeros.itests.support.PeerMesh;
import io.peeros.itests.support.PeerProcess;
import io.peeros.itests.support.Processes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;

/**
 * A benchmark, not a test (profile {@code bench}, {@code bench/environments.sh}). Three real peers; peer A builds
 * ten busybox containers over the three (4 + 3 + 3) with the builder's default configuration and with
 * {@code containersPerPeer=1, peersInParallel=false} (the same calls one after another), interleaved, each time
 * to HEALTHY and destroyed; and {@code blueprints/hello.yaml} (its size class replaced by a CPU and RAM quota: the
 * test peers' ext4 refuses disk limits). Writes the table to {@code target/bench-environments.txt}.
 */
public class EnvironmentBench {

    private static final String PID = "io.peeros.environment.EnvironmentServiceImpl";
    private static final String SERVICE = "io.peeros.environment.api.EnvironmentService";
    private static final Map<String, String> PARALLEL = Map.of("containersPerPeer", "4", "peersInParallel", "true");
    private static final Map<String, String> SEQUENTIAL = Map.of("containersPerPeer", "1", "peersInParallel",
            "false");
    private static final int ROUNDS = Integer.getInteger("bench.rounds", 3);
    private static final Duration BUILD = Duration.ofMinutes(10);
    // The progress line env:build prints when the environment is healthy: seconds since the command started.
    private static final Pattern HEALTHY = Pattern.compile("\\[(\\d+\\.\\d)s\\] health\\s.*is HEALTHY");

    // A top-level progress line of env:build: "[1.4s] network     -  network on 3 peer(s)" / "... network done".
    private static final Pattern STEP = Pattern.compile("\\[(\\d+\\.\\d)s\\] (\\w+)\\s+-\\s+(\\w+) (on \\d+ peer|done$)",
            Pattern.MULTILINE);
    private static final List<String> STEPS = List.of("prepare", "containers", "network", "health", "commit");

    /**
     * One build: from starting bin/client to its exit, and the seconds env:build itself printed at HEALTHY; the
     * host's CPU over the wall time (busy core-seconds, and busy / all CPU time: 1.0 is every core busy the whole
     * time), the processes forked on the host meanwhile, and the seconds of each step.
     */
    record Timing(double wall, double peer, double busyCoreSeconds, double utilisation, long forks,
            Map<String, Double> steps, double peersCoreSeconds) {
    }

    /**
     * CPU seconds used so far by the three peers' JVMs and the children they waited for (lxc-attach, lxc-copy,
     * lxc-start, ip, ...): /proc/PID/stat utime + stime + cutime + cstime. What the build itself costs, apart from
     * what else runs on the machine (the containers' own processes are not counted).
     */
    private static double peersCpuSeconds() {
        List<String> homes = new ArrayList<>();
        for (int i = 0; i < mesh.size(); i++) {
            homes.add(mesh.peer(i).home().toString());
        }
        long ticks = 0;
        try (var procs = Files.list(Path.of("/proc"))) {
            for (Path proc : procs.filter(d -> d.getFileName().toString().matches("\\d+")).toList()) {
                try {
                    String cmdline = new String(Files.readAllBytes(proc.resolve("cmdline"))).replace('\0', ' ');
                    if (!cmdline.contains("java") || homes.stream().noneMatch(cmdline::contains)) {
                        continue;
                    }
                    String stat = Files.readString(proc.resolve("stat"));
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    // fields 14-17 of stat, counted from the state (field 3) here
                    for (int i = 11; i <= 14; i++) {
                        ticks += Long.parseLong(f[i]);
                    }
                } catch (IOException | RuntimeException gone) {
                    // the process ended while it was read
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return ticks / 100.0; // USER_HZ
    }

    /** The host's CPU counters from /proc/stat: busy and all jiffies over all CPUs, and processes forked. */
    record CpuSample(long busy, long total, long forks) {
        static CpuSample now() {
            try {
                long busy = 0;
                long total = 0;
                long forks = 0;
                for (String line : Files.readAllLines(Path.of("/proc/stat"))) {
                    String[] f = line.trim().split("\\s+");
                    if (f[0].equals("cpu")) {
                        for (int i = 1; i < f.length && i <= 8; i++) {
                            long v = Long.parseLong(f[i]);
                            total += v;
                            if (i != 4 && i != 5) { // idle, iowait
                                busy += v;
                            }
                        }
                    } else if (f[0].equals("processes")) {
                        forks = Long.parseLong(f[1]);
                    }
                }
                return new CpuSample(busy, total, forks);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static PeerMesh mesh;
    private static Path report;

    @BeforeClass
    public static void startPeers() {
        report = Path.of(System.getProperty("peeros.work")).getParent().resolve("bench-environments.txt");
        try {
            Files.deleteIfExists(report.resolveSibling("bench-environments.log"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        mesh = PeerMesh.start(3, "env", peer -> peer.configure("io.peeros.vpn", Map.of("refreshSeconds", "2")));
        List<CompletableFuture<Void>> templates = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            PeerProcess peer = mesh.peer(i);
            templates.add(CompletableFuture.runAsync(() -> {
                Path recipe = peer.home().resolve("busybox-template");
                Processes.check("sh", repo("lxc-templates/busybox/build.sh").toString(), recipe.toString());
                assertNoError(peer.shell("template:build -i " + recipe + " busybox 1.0.0 "
                        + peer.home().resolve("busybox-1.0.0.tar")));
            }));
        }
        templates.forEach(CompletableFuture::join);
    }

    @AfterClass
    public static void stopPeers() {
        if (mesh != null) {
            for (int i = 0; i < mesh.size(); i++) {
                mesh.peer(i).destroyContainers(containers(i).toArray(String[]::new));
            }
            mesh.close();
        }
    }

    @Test
    public void tenContainersParallelAgainstSequentialAndHelloOnOnePeer() throws IOException {
        PeerProcess a = mesh.peer(0);
        String loadBefore = loadAverage();
        Path ten = a.home().resolve("ten.yaml");
        Files.writeString(ten, "name: ten\ndescription: ten busybox containers over three peers\ncontainers:\n"
                + group("one", 4, "env-a") + group("two", 3, "env-b") + group("three", 3, "env-c"));
        Path hello = a.home().resolve("hello.yaml");
        String original = Files.readString(repo("blueprints/hello.yaml"));
        assertThat(original, containsString("size: TINY"));
        Files.writeString(hello, original.replace("size: TINY", "quota: {cpu: 10, ram: 256MiB}"));

        reconfigure(a, PARALLEL);
        log("warm-up (not counted)", build(a, ten, "ten"));
        List<Timing> parallel = new ArrayList<>();
        List<Timing> sequential = new ArrayList<>();
        List<Timing> hellos = new ArrayList<>();
        List<Double> client = new ArrayList<>();
        for (int round = 1; round <= ROUNDS; round++) {
            reconfigure(a, PARALLEL);
            parallel.add(log("round " + round + " parallel", build(a, ten, "ten")));
            hellos.add(log("round " + round + " hello", build(a, hello, "hello")));
            long t0 = System.nanoTime();
            assertThat(a.shell("echo round-trip"), containsString("round-trip"));
            client.add((System.nanoTime() - t0) / 1e9);
            reconfigure(a, SEQUENTIAL);
            sequential.add(log("round " + round + " sequential", build(a, ten, "ten")));
        }
        reconfigure(a, PARALLEL);
        String loadAfter = loadAverage();

        String table = table(parallel, sequential, hellos, client, loadBefore, loadAfter);
        System.out.println(table);
        Files.writeString(report, table);
    }

    /** Builds to HEALTHY, then destroys and checks that nothing is left; returns the build's timing. */
    private static Timing build(PeerProcess a, Path blueprint, String name) {
        CpuSample before = CpuSample.now();
        double peersBefore = peersCpuSeconds();
        long t0 = System.nanoTime();
        String out = a.shell("env:build " + blueprint, BUILD);
        double wall = (System.nanoTime() - t0) / 1e9;
        CpuSample after = CpuSample.now();
        double peersUsed = peersCpuSeconds() - peersBefore;
        append(out);
        Matcher healthy = HEALTHY.matcher(out);
        if (!healthy.find()) {
            throw new AssertionError("env:build " + blueprint.getFileName() + " did not end HEALTHY:\n" + out);
        }
        double busy = (after.busy() - before.busy()) / 100.0; // USER_HZ
        double utilisation = after.total() == before.total() ? 0
                : (after.busy() - before.busy()) / (double) (after.total() - before.total());
        Map<String, Double> steps = new java.util.LinkedHashMap<>();
        Map<String, Double> started = new java.util.HashMap<>();
        Matcher step = STEP.matcher(out);
        while (step.find()) {
            double at = Double.parseDouble(step.group(1));
            if (!step.group(2).equals(step.group(3))) {
                continue;
            }
            if (step.group(4).startsWith("on")) {
                started.put(step.group(2), at);
            } else if (started.containsKey(step.group(2))) {
                steps.merge(step.group(2), at - started.remove(step.group(2)), Double::sum);
            }
        }
        assertNoError(a.shell("env:destroy " + name, BUILD));
        for (int i = 0; i < 3; i++) {
            assertEquals("containers left on peer " + i + " after env:destroy " + name, List.of(), containers(i));
        }
        return new Timing(wall, Double.parseDouble(healthy.group(1)), busy, utilisation, after.forks() - before.forks(),
                steps, peersUsed);
    }

    /**
     * Writes the builder's {@code etc/} configuration and waits until the builder's service is registered again
     * with it (a change restarts the component; DS puts the configuration in the service's properties).
     */
    private static void reconfigure(PeerProcess a, Map<String, String> settings) {
        a.configure(PID, settings);
        a.awaitShell("service:list " + SERVICE, out -> settings.entrySet().stream().allMatch(e -> out.lines()
                .anyMatch(l -> l.contains(e.getKey()) && l.contains(e.getValue()))), Duration.ofSeconds(60));
        append("builder configured: " + settings);
    }

    private static String table(List<Timing> parallel, List<Timing> sequential, List<Timing> hellos,
            List<Double> client, String loadBefore, String loadAfter) {
        StringBuilder t = new StringBuilder();
        t.append("EnvironmentBench ").append(Instant.now()).append(", ").append(ROUNDS).append(" rounds, ")
                .append(Runtime.getRuntime().availableProcessors()).append(" CPUs\n");
        t.append("load average before: ").append(loadBefore).append("; after: ").append(loadAfter).append("\n\n");
        t.append("wall = bin/client start to exit; peer = seconds env:build printed at HEALTHY\n");
        t.append(String.format(Locale.ROOT, "%-48s %-5s %s %8s%n", "build", "", runsHeader(), "median"));
        row(t, "10 containers / 3 peers, parallel (4, true)", parallel);
        row(t, "10 containers / 3 peers, sequential (1, false)", sequential);
        row(t, "hello.yaml, 2 containers on 1 peer", hellos);
        t.append(String.format(Locale.ROOT, "%-48s %-5s %s %8.2f%n", "bin/client round trip (echo)", "wall",
                runs(client), median(client)));
        double wallRatio = median(wall(sequential)) / median(wall(parallel));
        double peerRatio = median(peer(sequential)) / median(peer(parallel));
        t.append(String.format(Locale.ROOT, "%nsequential / parallel (medians): wall %.2fx, peer %.2fx (target >= 3x:"
                + " %s)%n", wallRatio, peerRatio, peerRatio >= 3 && wallRatio >= 3 ? "met" : "NOT met"));
        t.append(String.format(Locale.ROOT, "%nhost CPU during the build (all %d cores; other work on the machine"
                + " included), medians:%n", Runtime.getRuntime().availableProcessors()));
        cpu(t, "10 containers / 3 peers, parallel", parallel);
        cpu(t, "10 containers / 3 peers, sequential", sequential);
        t.append("\nseconds per step (top-level progress lines), medians:\n");
        steps(t, "parallel", parallel);
        steps(t, "sequential", sequential);
        double helloWall = median(wall(hellos));
        t.append(String.format(Locale.ROOT, "hello.yaml to HEALTHY (median): wall %.2f s, peer %.2f s (target < 10 s:"
                + " %s)%n", helloWall, median(peer(hellos)), helloWall < 10 ? "met" : "NOT met"));
        return t.toString();
    }

    private static void cpu(StringBuilder t, String label, List<Timing> timings) {
        double busy = median(timings.stream().map(Timing::busyCoreSeconds).toList());
        double utilisation = median(timings.stream().map(Timing::utilisation).toList());
        double forks = median(timings.stream().map(x -> (double) x.forks()).toList());
        double peers = median(timings.stream().map(Timing::peersCoreSeconds).toList());
        int cores = Runtime.getRuntime().availableProcessors();
        t.append(String.format(Locale.ROOT, "%-40s host busy %.2f core-s over %.2f s wall = %.0f %% of the cores, "
                + "%.0f processes forked on the host; the peers (JVMs + children) %.2f core-s = %.0f %% of the "
                + "cores over the wall time%n", label, busy, median(wall(timings)), 100 * utilisation, forks, peers,
                100 * peers / (median(wall(timings)) * cores)));
    }

    private static void steps(StringBuilder t, String label, List<Timing> timings) {
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "  %-12s", label));
        for (String step : STEPS) {
            List<Double> values = timings.stream().filter(x -> x.steps().containsKey(step))
                    .map(x -> x.steps().get(step)).toList();
            if (!values.isEmpty()) {
                line.append(String.format(Locale.ROOT, " %s %.2f", step, median(values)));
            }
        }
        t.append(line).append('\n');
    }

    private static void row(StringBuilder t, String label, List<Timing> timings) {
        t.append(String.format(Locale.ROOT, "%-48s %-5s %s %8.2f%n", label, "wall", runs(wall(timings)),
                median(wall(timings))));
        t.append(String.format(Locale.ROOT, "%-48s %-5s %s %8.2f%n", "", "peer", runs(peer(timings)),
                median(peer(timings))));
    }

    private static String runsHeader() {
        StringBuilder h = new StringBuilder();
        for (int i = 1; i <= ROUNDS; i++) {
            h.append(String.format(Locale.ROOT, "%8s", "run " + i));
        }
        return h.toString();
    }

    private static String runs(List<Double> values) {
        StringBuilder r = new StringBuilder();
        values.forEach(v -> r.append(String.format(Locale.ROOT, "%8.2f", v)));
        return r.toString();
    }

    private static List<Double> wall(List<Timing> timings) {
        return timings.stream().map(Timing::wall).toList();
    }

    private static List<Double> peer(List<Timing> timings) {
        return timings.stream().map(Timing::peer).toList();
    }

    static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static Timing log(String what, Timing timing) {
        String line = String.format(Locale.ROOT, "%s: wall %.2f s, peer %.1f s, host CPU %.2f core-s (%.0f %%), %d "
                + "forks, peers' CPU %.2f core-s, steps %s", what, timing.wall(), timing.peer(),
                timing.busyCoreSeconds(), 100 * timing.utilisation(), timing.forks(), timing.peersCoreSeconds(),
                timing.steps());
        System.out.println("EnvironmentBench: " + line);
        append(line);
        return timing;
    }

    private static void append(String text) {
        try {
            Files.writeString(report.resolveSibling("bench-environments.log"), text + "\n",
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String group(String name, int count, String peer) {
        return "  - name: " + name + "\n"
                + "    template: busybox\n"
                // The test peers keep containers on ext4, where disk limits are refused: CPU and RAM only.
                + "    quota:\n"
                + "      cpu: 50\n"
                + "      ram: 64MiB\n"
                + "    count: " + count + "\n"
                + "    placement:\n"
                + "      peer: " + peer + "\n";
    }

    private static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> containers(int i) {
        PeerProcess peer = mesh.peer(i);
        Processes.Result ls = Processes.run(List.of("nsenter", "--net=/run/netns/" + peer.namespace(), "lxc-ls", "-1",
                "-P", peer.home().resolve("lxc").toString()), Map.of(), null, Duration.ofSeconds(20));
        return ls.stdout().lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
    }

    private static void assertNoError(String output) {
        assertThat(output, not(containsString("Error")));
    }

    private static Path repo(String relative) {
        return Path.of(System.getProperty("peeros.work")).getParent().getParent().getParent().resolve(relative);
    }
}
