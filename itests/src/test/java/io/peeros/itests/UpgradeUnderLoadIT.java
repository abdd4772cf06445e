package io.peeros.itests;

import static org.hamcrest.CoreMatchers.containsString;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import io.peeros.itests.support.HotSwapLoad;
import io.peeros.itests.support.HotSwapRig;
import io.peeros.itests.support.PeerProcess;
import io.peeros.itests.support.Processes;
import io.peeros.itests.support.PeerBundles;
import io.peeros.itests.support.UpgradeArchives;
import io.peeros.itests.support.UpgradeArchives.Change;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;

/**
 * A full {@code peer:upgrade} to a newer build under load: two containers on two peers (an environment across
 * its swarm) exchange 100 pings a second and hold one TCP connection, and a poller asks peer A's REST API every
 * 50 ms, while A upgrades. Nothing may notice: no ping lost, the TCP connection intact, no REST gap of a second,
 * the containers' PIDs unchanged, the environment still HEALTHY. Then peer B upgrades from peer A with
 * {@code --from}: the archive A applied, served on A's mutual-TLS port and verified by B like a local file.
 */
public class UpgradeUnderLoadIT {

    private static final Pattern IPV4 = Pattern.compile("inet (\\d+\\.\\d+\\.\\d+\\.\\d+)/");
    private static final Duration WINDOW = Duration.ofSeconds(45);

    private static HotSwapRig rig;
    private static UpgradeArchives archives;

    @BeforeClass
    public static void startRig() throws Exception {
        Path work = Path.of(System.getProperty("peeros.work"));
        rig = HotSwapRig.start("upgl", work.getParent().getParent().getParent()
                .resolve("lxc-templates/busybox/build.sh"));
        PeerProcess a = rig.mesh().peer(0);
        archives = UpgradeArchives.withNewKey(a, work.resolve("upgl-archives"));
        a.configure("io.peeros.upgrade.UpgradeService", Map.of("trustedPublishers", archives.publicKey(),
                "healthTimeoutSeconds", "60"));
        a.awaitShell("config:property-list --pid io.peeros.upgrade.UpgradeService",
                out -> out.contains("trustedPublishers"), Duration.ofSeconds(30));
    }

    @AfterClass
    public static void stopRig() {
        if (rig != null) {
            rig.close();
        }
    }

    @Test
    public void anUpgradeUnderLoadLosesNoPingKeepsTcpRestAndPids() throws Exception {
        PeerProcess a = rig.mesh().peer(0);
        // A whole-version upgrade: every implementation bundle really changes (the API bundles keep their content,
        // as a release that changes no API does), so all of them are replaced at once under the load.
        Map<String, Change> changes = new java.util.TreeMap<>();
        for (PeerBundles.Bundle bundle : PeerBundles.implementations(a)) {
            changes.put(bundle.symbolicName(), Change.CONTENT);
        }
        assertTrue("implementation bundles found: " + changes.keySet(), changes.size() >= 9);
        Path archive = archives.build("0.2.0", changes);
        String[] pids = rig.pids().split(",");
        HotSwapLoad.Targets targets = new HotSwapLoad.Targets(Long.parseLong(pids[0]), Long.parseLong(pids[1]),
                environmentAddress(Long.parseLong(pids[1])), a, "admin", "owner-0-Secret-123");

        HotSwapLoad.Running load = HotSwapLoad.start(targets, WINDOW);
        Instant windowEnd = Instant.now().plus(WINDOW);
        Thread.sleep(1500);
        long t0 = System.nanoTime();
        String upgraded = a.shell("peer:upgrade " + archive, Duration.ofMinutes(4));
        // Every implementation bundle changes, the upgrade bundle too: the command's revision leaves and the new
        // one finishes the health check (docs/upgrade.md, "Self-update"); the history then says how it ended.
        assertThat(upgraded, containsString("RUNNING: the upgrade service itself was updated"));
        String history = a.awaitShell("peer:upgrade --history", out -> out.lines().anyMatch(l -> l.contains("0.2.0")
                && (l.contains("SUCCEEDED") || l.contains("ROLLED_BACK") || l.contains("FAILED"))),
                Duration.ofSeconds(40));
        long upgradeMs = (System.nanoTime() - t0) / 1_000_000;
        boolean inWindow = Instant.now().isBefore(windowEnd.minusSeconds(1));
        HotSwapLoad.Result result = load.await();
        String pidsAfter = rig.pids();
        System.out.println("UPGRADE UNDER LOAD: peer:upgrade " + upgradeMs + " ms (shell session included); "
                + result.summary() + "; PIDs " + rig.pids());

        assertTrue("upgrade SUCCEEDED: " + history, history.lines().anyMatch(l -> l.contains("0.2.0")
                && l.contains("SUCCEEDED")));
        assertTrue("the upgrade ended inside the load window (" + upgradeMs + " ms)", inWindow);
        assertEquals("pings lost: " + result.summary(), 0, result.pingsLost());
        assertTrue("TCP connection survived: " + result.summary(), result.tcpIntact());
        // The rule of the issue and of HotSwapIT: REST answers within 1 s throughout. Replacing the REST bundle
        // itself closes its ports for a few hundred ms (refused connections are counted in the summary).
        assertTrue("REST answered: " + result.summary(), result.restOk() > 0);
        assertTrue("REST answered within 1 s throughout: " + result.summary(), result.restLongestGapMs() < 1000);
        assertEquals("container PIDs unchanged", String.join(",", pids), pidsAfter);
        assertThat(rig.environmentState().toLowerCase(), containsString("healthy"));
        assertThat(a.shell("feature:list -i | grep peeros"), containsString("0.2.0"));
        assertThat(a.shell("peer:upgrade --history"), containsString("SUCCEEDED"));

        // B upgrades from A: A serves the archive it applied on its mutual-TLS port, B verifies it as a file.
        PeerProcess b = rig.mesh().peer(1);
        String idA = a.shell("peer:id").strip();
        b.configure("io.peeros.upgrade.UpgradeService", Map.of("trustedPublishers", archives.publicKey(),
                "healthTimeoutSeconds", "60"));
        b.awaitShell("config:property-list --pid io.peeros.upgrade.UpgradeService",
                out -> out.contains("trustedPublishers"), Duration.ofSeconds(30));
        String fromA = b.shell("peer:upgrade --from " + idA, Duration.ofMinutes(4));
        assertThat(fromA, containsString("Downloading PeerOS 0.2.0 from peer " + idA));
        assertThat(fromA, containsString("RUNNING: the upgrade service itself was updated"));
        String historyB = b.awaitShell("peer:upgrade --history", out -> out.lines().anyMatch(l -> l.contains("0.2.0")
                && (l.contains("SUCCEEDED") || l.contains("ROLLED_BACK") || l.contains("FAILED"))),
                Duration.ofSeconds(90));
        assertTrue("B's upgrade SUCCEEDED: " + historyB, historyB.lines().anyMatch(l -> l.contains("0.2.0")
                && l.contains("SUCCEEDED") && l.contains("peer " + idA)));
        assertThat(b.shell("feature:list -i | grep peeros"), containsString("0.2.0"));
        assertThat(rig.environmentState().toLowerCase(), containsString("healthy"));
    }

    /** The address of a container on the environment's switch: the one not on lo or the host bridge (eth0). */
    private static String environmentAddress(long pid) {
        String addresses = Processes.check("nsenter", "-t", Long.toString(pid), "-n", "ip", "-4", "-o", "addr", "show");
        for (String line : addresses.lines().toList()) {
            Matcher m = IPV4.matcher(line);
            if (m.find() && !line.contains(" lo ") && !line.contains(" eth0 ")) {
                return m.group(1);
            }
        }
        throw new AssertionError("no environment address:\n" + addresses + List.of());
    }
}
