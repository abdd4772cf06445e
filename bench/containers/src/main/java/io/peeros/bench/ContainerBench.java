package io.peeros.bench;

import io.peeros.container.api.ContainerException;
import io.peeros.container.api.ContainerInfo;
import io.peeros.container.api.ContainerState;
import io.peeros.container.api.ExecRequest;
import io.peeros.container.api.Template;
import io.peeros.container.lxc.internal.LxcContainerManager;
import io.peeros.container.lxc.internal.network.HostNetwork;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Times each container operation through PeerOS's {@link LxcContainerManager} (in this JVM, as the peer runs
 * it), through the raw {@code lxc-*} tools and through LXD's {@code lxc} client, interleaved round-robin per
 * iteration; then the density of idle busybox containers and the time of {@code list()} with many running.
 *
 * <p>Arguments are {@code key=value}; see {@link #main}. Everything this program makes it removes, and every
 * loop is bounded in count and time. bench/containers.sh sets up what it needs (LXD, template, limits) and
 * removes anything left over should this program die.
 */
public final class ContainerBench {

    private static final String PEEROS = "PeerOS";
    private static final String RAW = "raw lxc-*";
    private static final String LXD = "LXD";
    private static final long TOOL_TIMEOUT_MS = 60_000;
    private static final Duration EXEC_WAIT = Duration.ofSeconds(20);

    /** Operations in table order; the ≥ 5× LXD target applies to those marked. */
    private static final List<String> OPS = List.of("clone", "start (returns)", "start until exec answers",
            "exec true", "state query", "stop (clean)", "stop (kill)", "destroy");
    private static final List<String> LXD_TARGET_OPS = List.of("start until exec answers", "exec true",
            "stop (clean)", "stop (kill)");

    private final Map<String, String> args;
    private final Path work;
    private final Path peerosPath;
    private final Path rawPath;
    private final Path toolOut;
    private final Template template;
    private final boolean withLxd;
    private final String lxdImage;
    private final Map<String, Map<String, List<Long>>> samples = new LinkedHashMap<>();
    private final List<String> failures = new ArrayList<>();
    private HostNetwork network;
    private LxcContainerManager manager;

    private ContainerBench(Map<String, String> args) {
        this.args = args;
        this.work = Path.of(required("work"));
        this.peerosPath = work.resolve("peeros");
        this.rawPath = work.resolve("raw");
        this.toolOut = work.resolve("tool.out");
        this.template = new Template("busybox", Path.of(required("template")));
        this.withLxd = Boolean.parseBoolean(args.getOrDefault("lxd", "true"));
        this.lxdImage = args.getOrDefault("lxdImage", "peeros-bench-busybox");
    }

    /**
     * {@code work=DIR template=DIR [runs=9] [warmup=1] [density=100] [list=500] [listMinutes=30] [lxd=true]
     * [lxdImage=ALIAS] [bridge=peeros-bench] [subnet=10.252.4.0/22] [table=peerosbench] [phases=ops,density,list]}
     */
    public static void main(String[] argv) throws Exception {
        Map<String, String> a = new HashMap<>();
        for (String s : argv) {
            int eq = s.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("arguments are key=value, not " + s);
            }
            a.put(s.substring(0, eq), s.substring(eq + 1));
        }
        ContainerBench b = new ContainerBench(a);
        int code = 0;
        try {
            b.run();
        } catch (Throwable t) {
            System.out.println("FAILED: " + t);
            t.printStackTrace(System.out);
            code = 1;
        } finally {
            b.cleanUp();
        }
        System.out.flush();
        System.exit(code);
    }

    private void run() throws Exception {
        Files.createDirectories(peerosPath);
        Files.createDirectories(rawPath);
        Files.createDirectories(work.resolve("network"));
        network = new HostNetwork(config(HostNetwork.Config.class, Map.of(
                "bridgeName", args.getOrDefault("bridge", "peeros-bench"),
                "subnet", args.getOrDefault("subnet", "10.252.4.0/22"),
                "nftTable", args.getOrDefault("table", "peerosbench"),
                "masquerade", false,
                "stateDirectory", work.resolve("network").toString())));
        manager = new LxcContainerManager(config(LxcContainerManager.Config.class, Map.of(
                "lxcPath", peerosPath.toString(), "autostart", false)), network);
        List<String> phases = List.of(args.getOrDefault("phases", "ops,breakdown,density,list").split(","));
        System.out.printf("PeerOS container benchmark, %s, %s, JVM %s, %d CPUs%n",
                LocalDateTime.now().format(DateTimeFormatter.ISO_LOCAL_DATE_TIME).substring(0, 19),
                Files.readString(Path.of("/proc/version")).split(" ")[2], System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors());
        if (phases.contains("ops")) {
            operations();
        }
        if (phases.contains("breakdown")) {
            breakdown();
        }
        List<String> running = new ArrayList<>();
        try {
            if (phases.contains("density")) {
                density(running);
            }
            if (phases.contains("list")) {
                listWithMany(running);
            }
        } finally {
            destroyAll(running);
        }
        if (!failures.isEmpty()) {
            System.out.println();
            System.out.println("failures (" + failures.size() + "):");
            failures.forEach(f -> System.out.println("  " + f));
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // Per-operation medians, interleaved

    private interface System3 {
        String label();

        void cloneBase(String name);

        void start(String name);

        boolean execTrue(String name);

        /** Asks for the run state: the fixed cost of one call through this system's interface. */
        void state(String name);

        void stopClean(String name);

        void kill(String name);

        void destroy(String name);

        void destroyQuietly(String name);
    }

    private void operations() throws Exception {
        int runs = Integer.parseInt(args.getOrDefault("runs", "9"));
        int warmup = Integer.parseInt(args.getOrDefault("warmup", "1"));
        List<System3> systems = new ArrayList<>(List.of(peeros(), raw()));
        if (withLxd) {
            systems.add(lxd());
        }
        System.out.println();
        System.out.printf("== operations: %d warm-up + %d measured iterations, round-robin %s ==%n", warmup, runs,
                systems.stream().map(System3::label).collect(Collectors.joining(" / ")));
        String before = loadavg();
        long t0 = System.nanoTime();
        for (int i = -warmup; i < runs; i++) {
            boolean measured = i >= 0;
            int n = i + warmup;
            for (int k = 0; k < systems.size(); k++) {
                System3 s = systems.get((n + k) % systems.size());
                String name = prefix(s) + "-" + n;
                try {
                    lifecycle(s, name, measured);
                } catch (RuntimeException e) {
                    failures.add(s.label() + " iteration " + n + ": " + e.getMessage());
                    s.destroyQuietly(name);
                }
            }
        }
        String after = loadavg();
        System.out.printf("load average before: %s | after: %s | %.1f s%n", before, after,
                (System.nanoTime() - t0) / 1e9);
        printTable(runs, systems);
    }

    private static String prefix(System3 s) {
        return switch (s.label()) {
            case PEEROS -> "bp";
            case RAW -> "br";
            default -> "bl";
        };
    }

    private void lifecycle(System3 s, String name, boolean measured) {
        long t = System.nanoTime();
        s.cloneBase(name);
        record(s, "clone", t, measured);
        t = System.nanoTime();
        s.start(name);
        record(s, "start (returns)", t, measured);
        untilExecAnswers(s, name);
        record(s, "start until exec answers", t, measured);
        t = System.nanoTime();
        if (!s.execTrue(name)) {
            throw new IllegalStateException("exec true failed in " + name);
        }
        record(s, "exec true", t, measured);
        t = System.nanoTime();
        s.state(name);
        record(s, "state query", t, measured);
        t = System.nanoTime();
        s.stopClean(name);
        record(s, "stop (clean)", t, measured);
        s.start(name);
        untilExecAnswers(s, name);
        t = System.nanoTime();
        s.kill(name);
        record(s, "stop (kill)", t, measured);
        t = System.nanoTime();
        s.destroy(name);
        record(s, "destroy", t, measured);
    }

    private void record(System3 s, String op, long start, boolean measured) {
        long d = System.nanoTime() - start;
        if (measured) {
            samples.computeIfAbsent(s.label(), k -> new LinkedHashMap<>()).computeIfAbsent(op, k -> new ArrayList<>())
                    .add(d);
        }
    }

    private static void untilExecAnswers(System3 s, String name) {
        long until = System.nanoTime() + EXEC_WAIT.toNanos();
        while (!s.execTrue(name)) {
            if (System.nanoTime() > until) {
                throw new IllegalStateException("exec did not answer in " + name + " within " + EXEC_WAIT);
            }
            sleep(5);
        }
    }

    private void printTable(int runs, List<System3> systems) {
        System.out.println();
        System.out.printf("median of %d runs, ms (min-max in brackets); ratios of medians%n", runs);
        System.out.println();
        boolean lxd = systems.stream().anyMatch(s -> s.label().equals(LXD));
        System.out.println("| operation | PeerOS | raw lxc-* | " + (lxd ? "LXD | " : "") + "PeerOS/raw (≤ 1.0) | "
                + "PeerOS−raw, paired | " + (lxd ? "LXD/PeerOS (≥ 5 on start, exec, stop) |" : ""));
        System.out.println("|---|---|---|" + (lxd ? "---|" : "") + "---|---|" + (lxd ? "---|" : ""));
        for (String op : OPS) {
            Double p = median(PEEROS, op);
            Double r = median(RAW, op);
            Double l = lxd ? median(LXD, op) : null;
            StringBuilder row = new StringBuilder("| ").append(op).append(" | ").append(cell(PEEROS, op))
                    .append(" | ").append(cell(RAW, op)).append(" | ");
            if (lxd) {
                row.append(cell(LXD, op)).append(" | ");
            }
            if (p != null && r != null) {
                double ratio = p / r;
                row.append(String.format(Locale.ROOT, "%.2f %s", ratio, ratio <= 1.0 ? "met" : "MISSED"));
            } else {
                row.append('-');
            }
            row.append(" | ").append(pairedDifference(op)).append(" | ");
            if (lxd) {
                if (p != null && l != null) {
                    double ratio = l / p;
                    row.append(String.format(Locale.ROOT, "%.1f", ratio));
                    if (LXD_TARGET_OPS.contains(op)) {
                        row.append(ratio >= 5.0 ? " met" : " MISSED");
                    }
                } else {
                    row.append('-');
                }
                row.append(" |");
            }
            System.out.println(row);
        }
        System.out.println();
        System.out.println("samples, ms, in run order:");
        for (System3 s : systems) {
            for (String op : OPS) {
                List<Long> l = samples.getOrDefault(s.label(), Map.of()).get(op);
                if (l != null) {
                    System.out.printf("  %-9s %-25s %s%n", s.label(), op,
                            l.stream().map(v -> fmt(v / 1e6)).collect(Collectors.joining(" ")));
                }
            }
        }
    }

    /**
     * The median of the per-iteration differences PeerOS − raw (the two ran within a second of each other, so
     * a load that drifts over the run cancels out), with how many of the iterations PeerOS was faster.
     */
    private String pairedDifference(String op) {
        List<Long> p = samples.getOrDefault(PEEROS, Map.of()).get(op);
        List<Long> r = samples.getOrDefault(RAW, Map.of()).get(op);
        if (p == null || r == null || p.size() != r.size() || p.isEmpty()) {
            return "-";
        }
        long[] d = new long[p.size()];
        int faster = 0;
        for (int i = 0; i < d.length; i++) {
            d[i] = p.get(i) - r.get(i);
            faster += d[i] < 0 ? 1 : 0;
        }
        Arrays.sort(d);
        return String.format(Locale.ROOT, "%+.1f ms (PeerOS faster in %d/%d)", median(d), faster, d.length);
    }

    private String cell(String system, String op) {
        List<Long> l = samples.getOrDefault(system, Map.of()).get(op);
        if (l == null || l.isEmpty()) {
            return "-";
        }
        long[] s = l.stream().mapToLong(Long::longValue).sorted().toArray();
        return fmt(median(s)) + " (" + fmt(s[0] / 1e6) + "-" + fmt(s[s.length - 1] / 1e6) + ")";
    }

    private Double median(String system, String op) {
        List<Long> l = samples.getOrDefault(system, Map.of()).get(op);
        if (l == null || l.isEmpty()) {
            return null;
        }
        return median(l.stream().mapToLong(Long::longValue).sorted().toArray());
    }

    private static double median(long[] sorted) {
        int n = sorted.length;
        double m = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0;
        return m / 1e6;
    }

    private static String fmt(double ms) {
        return ms >= 100 ? String.format(Locale.ROOT, "%.0f", ms) : String.format(Locale.ROOT, "%.1f", ms);
    }

    // ---- the three systems

    private System3 peeros() {
        String base = "bp-base";
        manager.create(base, template);
        return new System3() {
            public String label() {
                return PEEROS;
            }

            public void cloneBase(String name) {
                manager.clone(base, name);
            }

            public void start(String name) {
                manager.start(name);
            }

            public boolean execTrue(String name) {
                try {
                    return manager.exec(name, ExecRequest.of("true")).exitCode() == 0;
                } catch (ContainerException e) {
                    return false;
                }
            }

            public void state(String name) {
                check(manager.state(name) == ContainerState.RUNNING, "state of " + name);
            }

            public void stopClean(String name) {
                manager.stop(name, Duration.ofSeconds(10));
            }

            public void kill(String name) {
                manager.stop(name, Duration.ZERO);
            }

            public void destroy(String name) {
                manager.destroy(name);
            }

            public void destroyQuietly(String name) {
                try {
                    manager.destroy(name);
                } catch (RuntimeException e) {
                    failures.add("PeerOS cleanup of " + name + ": " + e.getMessage());
                }
            }
        };
    }

    /**
     * Raw LXC: a base container with the same rootfs and the same config as PeerOS's base (same include, same
     * veth on the same bridge with the same static address: only one raw container runs at a time), in its
     * own LXC path.
     */
    private System3 raw() throws IOException {
        String base = "br-base";
        Path dir = rawPath.resolve(base);
        Files.createDirectories(dir);
        tool("cp", "-a", "--", template.rootfs().toString(), dir.resolve("rootfs").toString());
        StringBuilder config = new StringBuilder();
        for (String line : Files.readAllLines(peerosPath.resolve("bp-base/config"))) {
            String key = line.contains("=") ? line.substring(0, line.indexOf('=')).strip() : "";
            if (!key.equals("lxc.uts.name") && !key.equals("lxc.rootfs.path")) {
                config.append(line).append('\n');
            }
        }
        config.append("lxc.uts.name = ").append(base).append('\n');
        config.append("lxc.rootfs.path = dir:").append(dir.resolve("rootfs")).append('\n');
        Files.writeString(dir.resolve("config"), config);
        String p = rawPath.toString();
        return new System3() {
            public String label() {
                return RAW;
            }

            public void cloneBase(String name) {
                tool("lxc-copy", "-n", base, "-P", p, "-N", name, "-s", "-B", "overlay");
            }

            public void start(String name) {
                tool("lxc-start", "-n", name, "-P", p, "-d");
            }

            public boolean execTrue(String name) {
                return exit("lxc-attach", "-n", name, "-P", p, "--clear-env", "--", "true") == 0;
            }

            public void state(String name) {
                tool("lxc-info", "-n", name, "-P", p, "-s");
            }

            public void stopClean(String name) {
                tool("lxc-stop", "-n", name, "-P", p, "-t", "10");
            }

            public void kill(String name) {
                tool("lxc-stop", "-n", name, "-P", p, "-k");
            }

            public void destroy(String name) {
                tool("lxc-destroy", "-n", name, "-P", p);
            }

            public void destroyQuietly(String name) {
                exit("lxc-stop", "-n", name, "-P", p, "-k");
                exit("lxc-destroy", "-n", name, "-P", p);
            }
        };
    }

    /** LXD through its CLI client, on the daemon bench/containers.sh started (LXD_DIR in the environment). */
    private System3 lxd() {
        String base = "bl-base";
        tool("lxc", "init", lxdImage, base);
        return new System3() {
            public String label() {
                return LXD;
            }

            public void cloneBase(String name) {
                tool("lxc", "copy", base, name);
            }

            public void start(String name) {
                tool("lxc", "start", name);
            }

            public boolean execTrue(String name) {
                return exit("lxc", "exec", name, "--", "true") == 0;
            }

            public void state(String name) {
                tool("lxc", "query", "/1.0/instances/" + name + "/state");
            }

            public void stopClean(String name) {
                tool("lxc", "stop", name, "--timeout", "10");
            }

            public void kill(String name) {
                tool("lxc", "stop", name, "--force");
            }

            public void destroy(String name) {
                tool("lxc", "delete", name);
            }

            public void destroyQuietly(String name) {
                exit("lxc", "delete", "--force", name);
            }
        };
    }

    // ---------------------------------------------------------------------------------------------------------
    // Where PeerOS's time goes beside the tool it runs

    /**
     * On PeerOS's own containers and path, interleaved: each manager call against the very tool invocation it
     * makes (same argv) run through PeerOS's own {@code ProcessRunner} (two pump threads, pipes), and the exec
     * also through this program's runner (output to a file) with PeerOS's argv and with the bare argv of the raw
     * run. The differences are the peer's bookkeeping, the output capture and the extra arguments.
     */
    private void breakdown() {
        int runs = Integer.parseInt(args.getOrDefault("runs", "9"));
        String base = ensureBase();
        String p = peerosPath.toString();
        java.util.concurrent.ExecutorService pumps = java.util.concurrent.Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "bench-io");
            t.setDaemon(true);
            return t;
        });
        io.peeros.container.lxc.internal.ProcessRunner runner = new io.peeros.container.lxc.internal.ProcessRunner(
                pumps);
        Map<String, List<Long>> m = new LinkedHashMap<>();
        System.out.println();
        System.out.printf("== breakdown: PeerOS calls against the same tool invocation, %d interleaved runs ==%n", runs);
        String before = loadavg();
        for (int i = -1; i < runs; i++) {
            boolean measured = i >= 0;
            String a = "bx-a-" + (i + 1);
            String b = "bx-b-" + (i + 1);
            String c = "bx-c-" + (i + 1);
            try {
                tool("lxc-copy", "-n", base, "-P", p, "-N", c, "-s", "-B", "overlay");
                List<Runnable> steps = new ArrayList<>();
                steps.add(() -> time(m, "clone: manager.clone", measured, () -> manager.clone(base, a)));
                steps.add(() -> time(m, "clone: lxc-copy -s -B overlay via ProcessRunner", measured,
                        () -> run(runner, "lxc-copy", "-n", base, "-P", p, "-N", b, "-s", "-B", "overlay")));
                both(steps, i);
                steps.add(() -> time(m, "start: manager.start", measured, () -> manager.start(a)));
                steps.add(() -> time(m, "start: lxc-start -d -o LOG -l ERROR via ProcessRunner", measured,
                        () -> run(runner, "lxc-start", "-n", b, "-P", p, "-d", "-o",
                                peerosPath.resolve(b).resolve("lxc.log").toString(), "-l", "ERROR")));
                steps.add(() -> time(m, "start: bare lxc-start -d via ProcessRunner", measured,
                        () -> run(runner, "lxc-start", "-n", c, "-P", p, "-d")));
                both(steps, i);
                tool("lxc-stop", "-n", c, "-P", p, "-k");
                tool("lxc-destroy", "-n", c, "-P", p);
                untilExecAnswers(peerosSystemFor(), a);
                List<String> peerArgv = List.of("lxc-attach", "-n", a, "-P", p, "--clear-env", "-v",
                        "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "-v", "HOME=/root", "--",
                        "true");
                steps.add(() -> time(m, "exec: manager.exec true", measured,
                        () -> check(manager.exec(a, ExecRequest.of("true")).exitCode() == 0, "exec")));
                steps.add(() -> time(m, "exec: PeerOS's lxc-attach argv via ProcessRunner", measured,
                        () -> run(runner, peerArgv.toArray(String[]::new))));
                steps.add(() -> time(m, "exec: PeerOS's lxc-attach argv, output to a file", measured,
                        () -> tool(peerArgv.toArray(String[]::new))));
                steps.add(() -> time(m, "exec: bare lxc-attach --clear-env -- true, output to a file", measured,
                        () -> tool("lxc-attach", "-n", a, "-P", p, "--clear-env", "--", "true")));
                steps.add(() -> time(m, "manager.state (JNA only)", measured, () -> manager.state(a)));
                steps.add(() -> time(m, "manager.info (JNA + /proc + files)", measured, () -> manager.info(a)));
                both(steps, i);
                steps.add(() -> time(m, "kill: manager.stop(ZERO)", measured, () -> manager.stop(a, Duration.ZERO)));
                steps.add(() -> time(m, "kill: lxc-stop -k via ProcessRunner", measured,
                        () -> run(runner, "lxc-stop", "-n", b, "-P", p, "-k")));
                both(steps, i);
                steps.add(() -> time(m, "destroy: manager.destroy", measured, () -> manager.destroy(a)));
                steps.add(() -> time(m, "destroy: lxc-destroy via ProcessRunner", measured,
                        () -> run(runner, "lxc-destroy", "-n", b, "-P", p)));
                both(steps, i);
            } catch (RuntimeException e) {
                failures.add("breakdown iteration " + i + ": " + e.getMessage());
                for (String n : List.of(a, b, c)) {
                    exit("lxc-stop", "-n", n, "-P", p, "-k");
                    try {
                        manager.destroy(n);
                    } catch (RuntimeException x) {
                        exit("lxc-destroy", "-n", n, "-P", p);
                    }
                }
            }
        }
        pumps.shutdownNow();
        System.out.printf("load average before: %s | after: %s%n", before, loadavg());
        System.out.println();
        System.out.println("| call | median ms (min-max) |");
        System.out.println("|---|---|");
        m.forEach((k, v) -> {
            long[] sorted = v.stream().mapToLong(Long::longValue).sorted().toArray();
            System.out.printf("| %s | %s (%s-%s) |%n", k, fmt(median(sorted)), fmt(sorted[0] / 1e6),
                    fmt(sorted[sorted.length - 1] / 1e6));
        });
    }

    /** Runs the steps collected so far, rotated by the iteration so that none always goes first; clears them. */
    private static void both(List<Runnable> steps, int iteration) {
        int n = steps.size();
        for (int k = 0; k < n; k++) {
            steps.get(Math.floorMod(iteration + k, n)).run();
        }
        steps.clear();
    }

    private static void time(Map<String, List<Long>> into, String what, boolean measured, Runnable r) {
        long t = System.nanoTime();
        r.run();
        long d = System.nanoTime() - t;
        if (measured) {
            into.computeIfAbsent(what, k -> new ArrayList<>()).add(d);
        }
    }

    private static void check(boolean ok, String what) {
        if (!ok) {
            throw new IllegalStateException(what + " failed");
        }
    }

    private static void run(io.peeros.container.lxc.internal.ProcessRunner runner, String... argv) {
        try {
            var o = runner.run(List.of(argv), TOOL_TIMEOUT_MS, 64 * 1024);
            if (o.exitCode() != 0) {
                throw new IllegalStateException(String.join(" ", argv) + " exited with " + o.exitCode() + ": "
                        + o.stderrText());
            }
        } catch (IOException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException(String.join(" ", argv) + ": " + e, e);
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // Density and list()

    private void density(List<String> running) throws IOException {
        int n = Integer.parseInt(args.getOrDefault("density", "100"));
        System.out.println();
        System.out.printf("== density: %d idle busybox containers started through PeerOS (clone + start, exec "
                + "answers) ==%n", n);
        String base = ensureBase();
        String before = loadavg();
        sleep(3000);
        long availBefore = memAvailableAveraged();
        long kernelBefore = kernelMemory();
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            String name = String.format("bd-%03d", i);
            manager.clone(base, name);
            running.add(name);
            manager.start(name);
            untilExecAnswers(peerosSystemFor(), name);
        }
        double secs = (System.nanoTime() - t0) / 1e9;
        sleep(10_000);
        long availAfter = memAvailableAveraged();
        long kernelAfter = kernelMemory();
        long[] cg = cgroupSums(running);
        System.out.printf("load average before: %s | after: %s | %d started in %.1f s (%.0f ms each)%n", before,
                loadavg(), running.size(), secs, secs * 1000 / running.size());
        printDensity(running.size(), availBefore, availAfter, kernelAfter - kernelBefore, cg);
        memBase = availBefore;
        kernelBase = kernelBefore;
    }

    private long memBase = -1;
    private long kernelBase = -1;

    private void printDensity(int n, long availBefore, long availAfter, long kernelDelta, long[] m) {
        double deltaMiB = (availBefore - availAfter) / 1048576.0;
        System.out.printf(Locale.ROOT, "MemAvailable: %.0f MiB before, %.0f MiB with %d running: %.1f MiB in all, "
                + "%.2f MiB per container -> %s containers per GiB%n", availBefore / 1048576.0,
                availAfter / 1048576.0, n, deltaMiB, deltaMiB / n, perGiB(n, deltaMiB));
        double cgMiB = (m[0] + m[1]) / 1048576.0;
        System.out.printf(Locale.ROOT, "cgroups (%d read): payload %.1f MiB + monitor %.1f MiB = %.3f MiB per "
                + "container -> %s per GiB%n", m[2], m[0] / 1048576.0, m[1] / 1048576.0, cgMiB / n, perGiB(n, cgMiB));
        double pssMiB = (m[3] + m[4]) / 1048576.0;
        System.out.printf(Locale.ROOT, "PSS of the processes: payload %.1f MiB + monitor (lxc-start) %.1f MiB = "
                + "%.3f MiB per container -> %s per GiB%n", m[3] / 1048576.0, m[4] / 1048576.0, pssMiB / n,
                perGiB(n, pssMiB));
        double kernelMiB = kernelDelta / 1048576.0;
        System.out.printf(Locale.ROOT, "kernel memory (SUnreclaim+KernelStack+PageTables+Percpu) grew %.1f MiB = %.3f "
                + "MiB per container (namespaces, veth, cgroups, task structs; host-wide, so other work adds noise)%n",
                kernelMiB, kernelMiB / n);
        double estimate = pssMiB + Math.max(0, kernelMiB);
        System.out.printf(Locale.ROOT, "estimate, PSS + kernel growth: %.3f MiB per container -> %s idle busybox "
                + "containers per GiB%n", estimate / n, perGiB(n, estimate));
    }

    private static String perGiB(int n, double mib) {
        return mib > 0 ? String.format(Locale.ROOT, "%.0f", n * 1024 / mib) : "n/a (no increase measured)";
    }

    private void listWithMany(List<String> running) throws IOException {
        int target = Integer.parseInt(args.getOrDefault("list", "500"));
        Duration limit = Duration.ofMinutes(Long.parseLong(args.getOrDefault("listMinutes", "30")));
        System.out.println();
        System.out.printf("== list(): up to %d running containers through PeerOS (bounded to %s) ==%n", target, limit);
        String base = ensureBase();
        if (memBase < 0) {
            sleep(3000);
            memBase = memAvailableAveraged();
            kernelBase = kernelMemory();
        }
        String before = loadavg();
        long t0 = System.nanoTime();
        long deadline = t0 + limit.toNanos();
        String stoppedBecause = null;
        for (int i = running.size(); running.size() < target; i++) {
            if (System.nanoTime() > deadline) {
                stoppedBecause = "time limit of " + limit + " reached";
                break;
            }
            long avail = memAvailable();
            if (avail < 1024L * 1024 * 1024) {
                stoppedBecause = "MemAvailable below 1 GiB";
                break;
            }
            String name = String.format("bd-%03d", i);
            try {
                manager.clone(base, name);
                running.add(name);
                manager.start(name);
            } catch (RuntimeException e) {
                stoppedBecause = "container " + name + " failed: " + e.getMessage();
                break;
            }
            if ((i + 1) % 100 == 0) {
                System.out.printf("  %d running, %.0f s, load %s%n", running.size(), (System.nanoTime() - t0) / 1e9,
                        loadavg());
            }
        }
        System.out.printf("%d containers running (target %d)%s; started in %.1f s; load average before: %s | "
                + "after: %s%n", running.size(), target, stoppedBecause == null ? "" : ", stopped: " + stoppedBecause,
                (System.nanoTime() - t0) / 1e9, before, loadavg());
        sleep(10_000);
        long availAfter = memAvailableAveraged();
        printDensity(running.size(), memBase, availAfter, kernelMemory() - kernelBase, cgroupSums(running));
        String lb = loadavg();
        List<Long> times = new ArrayList<>();
        List<ContainerInfo> last = List.of();
        for (int k = 0; k < 7; k++) {
            long t = System.nanoTime();
            last = manager.list();
            times.add(System.nanoTime() - t);
        }
        long runningListed = last.stream().filter(c -> c.state() == ContainerState.RUNNING).count();
        long withAddress = last.stream().filter(c -> !c.addresses().isEmpty()).count();
        long[] sorted = times.stream().mapToLong(Long::longValue).sorted().toArray();
        System.out.printf("ContainerManager.list() with %d running: median %s ms of 7 (first %s, min %s, max %s); "
                + "listed %d (%d RUNNING, %d with an address); %.2f ms per container; load %s -> %s%n",
                running.size(), fmt(median(sorted)), fmt(times.get(0) / 1e6), fmt(sorted[0] / 1e6),
                fmt(sorted[sorted.length - 1] / 1e6), last.size(), runningListed, withAddress,
                median(sorted) / Math.max(1, last.size()), lb, loadavg());
        // For reference: the LXC tool that lists the same path with state, PID and IPv4.
        List<Long> ls = new ArrayList<>();
        for (int k = 0; k < 3; k++) {
            long t = System.nanoTime();
            int code = exit(120_000, "lxc-ls", "-P", peerosPath.toString(), "-f", "-F", "NAME,STATE,PID,IPV4");
            ls.add(System.nanoTime() - t);
            if (code != 0) {
                failures.add("lxc-ls -f exited with " + code);
                break;
            }
        }
        long[] lss = ls.stream().mapToLong(Long::longValue).sorted().toArray();
        System.out.printf("reference: lxc-ls -f -F NAME,STATE,PID,IPV4 on the same path: median %s ms of %d%n",
                fmt(median(lss)), lss.length);
    }

    private String ensureBase() {
        String base = "bp-base";
        try {
            manager.state(base);
        } catch (ContainerException e) {
            manager.create(base, template);
        }
        return base;
    }

    private System3 peerosView;

    private System3 peerosSystemFor() {
        if (peerosView == null) {
            peerosView = new System3() {
                public String label() {
                    return PEEROS;
                }

                public void cloneBase(String name) {
                    throw new UnsupportedOperationException();
                }

                public void start(String name) {
                    throw new UnsupportedOperationException();
                }

                public boolean execTrue(String name) {
                    try {
                        return manager.exec(name, ExecRequest.of("true")).exitCode() == 0;
                    } catch (ContainerException e) {
                        return false;
                    }
                }

                public void state(String name) {
                    throw new UnsupportedOperationException();
                }

                public void stopClean(String name) {
                    throw new UnsupportedOperationException();
                }

                public void kill(String name) {
                    throw new UnsupportedOperationException();
                }

                public void destroy(String name) {
                    throw new UnsupportedOperationException();
                }

                public void destroyQuietly(String name) {
                    throw new UnsupportedOperationException();
                }
            };
        }
        return peerosView;
    }

    private void destroyAll(List<String> names) {
        if (names.isEmpty()) {
            return;
        }
        long t0 = System.nanoTime();
        long deadline = t0 + Duration.ofMinutes(20).toNanos();
        int destroyed = 0;
        for (String name : List.copyOf(names)) {
            if (System.nanoTime() > deadline) {
                failures.add("destroying the density containers took over 20 min; the script removes the rest");
                break;
            }
            try {
                manager.destroy(name);
                destroyed++;
                names.remove(name);
            } catch (RuntimeException e) {
                failures.add("destroy " + name + ": " + e.getMessage());
            }
        }
        double secs = (System.nanoTime() - t0) / 1e9;
        System.out.printf("destroyed %d containers in %.1f s (%.0f ms each, kill + destroy)%n", destroyed, secs,
                destroyed == 0 ? 0 : secs * 1000 / destroyed);
        if (memBase > 0) {
            sleep(3000);
            System.out.printf("MemAvailable after destroying them: %.0f MiB (before: %.0f MiB)%n",
                    memAvailableAveraged() / 1048576.0, memBase / 1048576.0);
        }
    }

    /**
     * Over the containers: {payload cgroup bytes, monitor cgroup bytes, payload cgroups read, PSS of the payload
     * processes, PSS of the monitor processes}. The cgroup figure is memory.usage_in_bytes (cgroup v1, as on this
     * host) or memory.current (v2). With v1, what the monitor allocated before LXC moved it into
     * lxc.monitor.NAME stays charged to the parent, hence the PSS of the processes as well.
     */
    private long[] cgroupSums(List<String> names) {
        long[] sum = new long[5];
        for (String name : names) {
            try {
                int pid = manager.info(name).pid();
                if (pid <= 0) {
                    continue;
                }
                List<String> lines = Files.readAllLines(Path.of("/proc", Integer.toString(pid), "cgroup"));
                String v1 = lines.stream().filter(l -> l.contains(":memory:")).findFirst().orElse(null);
                Path payload;
                Path usage;
                if (v1 != null) {
                    payload = Path.of("/sys/fs/cgroup/memory" + v1.substring(v1.indexOf(":memory:") + 8));
                    usage = Path.of("memory.usage_in_bytes");
                } else {
                    String v2 = lines.stream().filter(l -> l.startsWith("0::")).findFirst().orElseThrow();
                    payload = Path.of(cgroup2Root() + v2.substring(3));
                    usage = Path.of("memory.current");
                }
                String leaf = payload.getFileName().toString();
                if (!leaf.equals("lxc.payload." + name)) {
                    failures.add("cgroup of " + name + " is " + payload + ", not lxc.payload." + name);
                    continue;
                }
                Path monitor = payload.resolveSibling("lxc.monitor." + name);
                sum[0] += readLong(payload.resolve(usage));
                sum[2]++;
                sum[3] += pss(payload);
                if (Files.exists(monitor.resolve(usage))) {
                    sum[1] += readLong(monitor.resolve(usage));
                    sum[4] += pss(monitor);
                }
            } catch (IOException | RuntimeException e) {
                failures.add("memory of " + name + ": " + e);
            }
        }
        return sum;
    }

    private static String cgroup2Root() throws IOException {
        for (String l : Files.readAllLines(Path.of("/proc/self/mounts"))) {
            String[] f = l.split(" ");
            if (f.length > 2 && f[2].equals("cgroup2")) {
                return f[1];
            }
        }
        return "/sys/fs/cgroup";
    }

    /** The summed proportional set size of the processes of a cgroup, from smaps_rollup. */
    private static long pss(Path cgroup) throws IOException {
        long total = 0;
        for (String pid : Files.readAllLines(cgroup.resolve("cgroup.procs"))) {
            if (pid.isBlank()) {
                continue;
            }
            try {
                for (String l : Files.readAllLines(Path.of("/proc", pid.strip(), "smaps_rollup"))) {
                    if (l.startsWith("Pss:")) {
                        total += Long.parseLong(l.replaceAll("[^0-9]", "")) * 1024;
                        break;
                    }
                }
            } catch (IOException e) {
                // exited meanwhile
            }
        }
        return total;
    }

    private static long readLong(Path p) throws IOException {
        return Long.parseLong(Files.readString(p).strip());
    }

    private static long memAvailable() {
        try {
            for (String l : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (l.startsWith("MemAvailable:")) {
                    return Long.parseLong(l.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        throw new IllegalStateException("no MemAvailable in /proc/meminfo");
    }

    /** Kernel memory that user space elsewhere hardly moves: SUnreclaim + KernelStack + PageTables + Percpu, bytes. */
    private static long kernelMemory() {
        long sum = 0;
        try {
            for (String l : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (l.startsWith("SUnreclaim:") || l.startsWith("KernelStack:") || l.startsWith("PageTables:")
                        || l.startsWith("Percpu:")) {
                    sum += Long.parseLong(l.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return sum;
    }

    /** The median of 5 readings 1 s apart, to damp what other processes do meanwhile. */
    private static long memAvailableAveraged() {
        long[] v = new long[5];
        for (int i = 0; i < v.length; i++) {
            v[i] = memAvailable();
            if (i < v.length - 1) {
                sleep(1000);
            }
        }
        Arrays.sort(v);
        return v[2];
    }

    // ---------------------------------------------------------------------------------------------------------

    private void cleanUp() {
        if (manager != null) {
            for (String base : List.of("bp-base")) {
                try {
                    manager.destroy(base);
                } catch (RuntimeException e) {
                    // not made, or already gone; the script removes any leftover
                }
            }
            deactivate(manager);
        }
        if (Files.isDirectory(rawPath.resolve("br-base"))) {
            exit("lxc-destroy", "-n", "br-base", "-P", rawPath.toString());
        }
        if (withLxd) {
            exit("lxc", "delete", "--force", "bl-base");
        }
        if (network != null) {
            network.teardown();
            network.deactivate();
        }
    }

    /** The component's {@code @Deactivate} method is package-private, as SCR needs no more: call it as SCR does. */
    private static void deactivate(Object component) {
        try {
            java.lang.reflect.Method m = component.getClass().getDeclaredMethod("deactivate");
            m.setAccessible(true);
            m.invoke(component);
        } catch (ReflectiveOperationException | RuntimeException e) {
            // its threads are daemons: the JVM exits anyway
        }
    }

    private String required(String key) {
        String v = args.get(key);
        if (v == null) {
            throw new IllegalArgumentException("missing argument " + key + "=...");
        }
        return v;
    }

    private static String loadavg() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException e) {
            return "?";
        }
    }

    private void tool(String... argv) {
        int code = exit(argv);
        if (code != 0) {
            String out = "";
            try {
                out = Files.readString(toolOut, StandardCharsets.UTF_8).strip();
            } catch (IOException e) {
                // nothing to quote
            }
            throw new IllegalStateException(String.join(" ", argv) + " exited with " + code + ": " + out);
        }
    }

    private int exit(String... argv) {
        return exit(TOOL_TIMEOUT_MS, argv);
    }

    private static final java.io.File DEV_NULL = new java.io.File("/dev/null");

    /**
     * Runs a tool the way the raw and LXD runs need: stdin from /dev/null ({@code lxc init} reads a config from
     * a stdin that is not a terminal), output to a file (no pipe a daemon could hold open).
     */
    private int exit(long timeoutMs, String... argv) {
        try {
            Process p = new ProcessBuilder(argv).redirectInput(ProcessBuilder.Redirect.from(DEV_NULL))
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.to(toolOut.toFile())).start();
            if (!p.waitFor(timeoutMs, TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                p.waitFor(5, TimeUnit.SECONDS);
                return -1;
            }
            return p.exitValue();
        } catch (IOException e) {
            return -2;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -3;
        }
    }

    private static void sleep(long ms) {
        try {
            TimeUnit.MILLISECONDS.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted");
        }
    }

    /** A component configuration as SCR would build it: the values given, the annotation's defaults otherwise. */
    private static <A> A config(Class<A> type, Map<String, Object> values) {
        return type.cast(Proxy.newProxyInstance(ContainerBench.class.getClassLoader(), new Class<?>[] {type},
                (proxy, method, a) -> {
                    if (values.containsKey(method.getName())) {
                        return values.get(method.getName());
                    }
                    if (method.getDefaultValue() != null) {
                        return method.getDefaultValue();
                    }
                    return switch (method.getName()) {
                        case "annotationType" -> type;
                        case "toString" -> "Config" + values;
                        case "hashCode" -> values.hashCode();
                        case "equals" -> proxy == a[0];
                        default -> throw new UnsupportedOperationException(method.getName());
                    };
                }));
    }
}
