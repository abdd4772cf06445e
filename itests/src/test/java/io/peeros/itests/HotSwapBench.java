package io.peeros.itests;

import io.peeros.itests.support.HotSwapRig;
import io.peeros.itests.support.HotSwapRig.Swap;
import io.peeros.itests.support.PeerBundles.Bundle;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;

/**
 * A benchmark, not a test (profile {@code bench}, {@code bench/hotswap.sh}). The set-up of {@code HotSwapIT}: two
 * peers, a container on each in one environment, 100 pings per second and a TCP connection between them through
 * the swarm, REST polled every 50 ms on the updated peer. Every PeerOS implementation bundle of A (and of B with
 * {@code -Dhotswap.peers=ab}) is updated with a rebuilt jar, {@code bench.rounds} times (default 3), each under its
 * own load window. Writes the table (per bundle: pings
 * sent and lost, longest REST gap, update time, TCP, PIDs) to {@code target/bench-hotswap.txt}, every swap to
 * {@code target/bench-hotswap.log}.
 */
public class HotSwapBench {

    private static final int ROUNDS = Integer.getInteger("bench.rounds", 3);
    private static final Duration WINDOW = Duration.ofSeconds(Long.getLong("hotswap.window", 15));
    /** Whose bundles are updated: "a" (the builder, host of the pinging container), "b" (host of the other), or both. */
    private static final String PEERS = System.getProperty("hotswap.peers", "a");

    private static HotSwapRig rig;
    private static Path report;

    @BeforeClass
    public static void startPeers() throws IOException {
        report = Path.of(System.getProperty("peeros.work")).getParent().resolve("bench-hotswap.txt");
        Files.deleteIfExists(report.resolveSibling("bench-hotswap.log"));
        rig = HotSwapRig.start("hot", repo("lxc-templates/busybox/build.sh"));
    }

    @AfterClass
    public static void stopPeers() {
        if (rig != null) {
            rig.close();
        }
    }

    @Test
    public void everyBundleUpdatedUnderLoad() throws IOException {
        String loadBefore = loadAverage();
        append("idle (no update): " + rig.idle(WINDOW).summary());
        Map<String, List<Swap>> swaps = new LinkedHashMap<>();
        for (int round = 1; round <= ROUNDS; round++) {
            for (int peer = 0; peer < 2; peer++) {
                String name = peer == 0 ? "a" : "b";
                if (!PEERS.contains(name)) {
                    continue;
                }
                for (Bundle bundle : rig.implementationBundles(peer)) {
                    Swap swap = rig.swap(peer, bundle, WINDOW);
                    String label = (PEERS.length() > 1 ? name.toUpperCase(Locale.ROOT) + ": " : "")
                            + bundle.symbolicName();
                    append("round " + round + " " + name.toUpperCase(Locale.ROOT) + " " + swap.summary());
                    System.out.println("HotSwapBench round " + round + " " + name + " " + swap.summary());
                    swaps.computeIfAbsent(label, b -> new ArrayList<>()).add(swap);
                }
            }
        }
        String table = table(swaps, loadBefore, loadAverage());
        System.out.println(table);
        Files.writeString(report, table);
    }

    private static String table(Map<String, List<Swap>> swaps, String loadBefore, String loadAfter) {
        StringBuilder t = new StringBuilder();
        t.append("HotSwapBench ").append(Instant.now()).append(", ").append(ROUNDS).append(" rounds of ")
                .append(WINDOW.toSeconds()).append(" s windows, ").append(Runtime.getRuntime().availableProcessors())
                .append(" CPUs\n");
        t.append("load average before: ").append(loadBefore).append("; after: ").append(loadAfter).append("\n\n");
        t.append("pings: 100/s container to container through the swarm, summed over the rounds; REST gap: longest\n"
                + "time without a 200 answer (polled every 50 ms, 1 s limit), worst round; update: bundle:update to\n"
                + "every PeerOS service and shell command back, median of the rounds\n\n");
        t.append("peers updated: ").append(PEERS).append(" (A builds the environment and hosts the pinging container)\n\n");
        t.append(String.format(Locale.ROOT, "| %-31s | %7s | %5s | %12s | %14s | %-6s | %-9s |%n", "bundle", "pings",
                "lost", "REST gap ms", "update ms", "TCP", "PIDs"));
        t.append("|").append("-".repeat(33)).append("|").append("-".repeat(9)).append("|").append("-".repeat(7))
                .append("|").append("-".repeat(14)).append("|").append("-".repeat(16)).append("|")
                .append("-".repeat(8)).append("|").append("-".repeat(11)).append("|\n");
        boolean met = true;
        for (Map.Entry<String, List<Swap>> entry : swaps.entrySet()) {
            List<Swap> runs = entry.getValue();
            int sent = runs.stream().mapToInt(s -> s.load().pingsSent()).sum();
            int lost = runs.stream().mapToInt(s -> s.load().pingsLost()).sum();
            int gap = runs.stream().mapToInt(s -> s.load().restLongestGapMs()).max().orElse(-1);
            long update = median(runs.stream().map(Swap::updateMs).toList());
            boolean tcp = runs.stream().allMatch(s -> s.load().tcpIntact());
            boolean pids = runs.stream().allMatch(Swap::pidsUnchanged);
            met &= lost == 0 && gap < 1000 && tcp && pids;
            t.append(String.format(Locale.ROOT, "| %-31s | %7d | %5d | %12d | %14d | %-6s | %-9s |%n", entry.getKey(),
                    sent, lost, gap, update, tcp ? "intact" : "BROKEN", pids ? "unchanged" : "CHANGED"));
        }
        t.append("\ntarget (0 pings lost, REST gap < 1 s, TCP intact, PIDs unchanged, every bundle): ")
                .append(met ? "met" : "NOT met").append('\n');
        return t.toString();
    }

    private static long median(List<Long> values) {
        List<Long> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static void append(String text) {
        try {
            Files.writeString(report.resolveSibling("bench-hotswap.log"), text + "\n", StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path repo(String relative) {
        return Path.of(System.getProperty("peeros.work")).getParent().getParent().getParent().resolve(relative);
    }
}
