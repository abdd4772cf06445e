package io.peeros.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import io.peeros.itests.support.HotSwapRig;
import io.peeros.itests.support.HotSwapRig.Swap;
import io.peeros.itests.support.PeerBundles.Bundle;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;

/**
 * Every PeerOS implementation bundle of a peer is updated in place ({@code bundle:update} with a rebuilt jar)
 * while two containers on two peers exchange 100 pings per second through their environment's swarm and hold a
 * TCP connection, and the peer's REST API is polled every 50 ms: for each bundle no ping is lost, the TCP
 * connection carries on, REST never goes a second without answering, and the containers keep their init PIDs.
 * The bundles are found on the peer ({@code io.peeros.*}, not {@code *.api}), so a new one is covered by itself.
 */
public class HotSwapIT {

    private static final Duration WINDOW = Duration.ofSeconds(Long.getLong("hotswap.window", 10));

    private static HotSwapRig rig;

    @BeforeClass
    public static void startPeersAndEnvironment() {
        rig = HotSwapRig.start("hot", repo("lxc-templates/busybox/build.sh"));
    }

    @AfterClass
    public static void stopPeers() {
        if (rig != null) {
            rig.close();
        }
    }

    @Test
    public void everyImplementationBundleIsUpdatedUnderLoadWithoutLosingTraffic() {
        List<Bundle> bundles = rig.implementationBundles();
        assertFalse("the peer has PeerOS implementation bundles:\n" + rig.mesh().peer(0).shell(
                "bundle:list -s --no-format"), bundles.isEmpty());
        assertTrue("the bundles found include the container manager: " + bundles,
                bundles.stream().anyMatch(b -> b.symbolicName().equals("io.peeros.container.lxc")));
        // The harness itself must see a quiet peer as quiet, or its figures mean nothing.
        var idle = rig.idle(Duration.ofSeconds(4));
        System.out.println("HotSwapIT idle: " + idle.summary());
        assertEquals("pings lost with no update: " + idle.summary(), 0, idle.pingsLost());

        List<String> failures = new ArrayList<>();
        for (Bundle bundle : bundles) {
            Swap swap = rig.swap(bundle, WINDOW);
            System.out.println("HotSwapIT " + swap.summary());
            List<String> broken = new ArrayList<>();
            if (swap.load().pingsSent() <= 0 || swap.load().pingsLost() != 0) {
                broken.add(swap.load().pingsLost() + " of " + swap.load().pingsSent() + " pings lost");
            }
            if (!swap.load().tcpIntact()) {
                broken.add("TCP connection broken: " + swap.load().tcpError());
            }
            if (swap.load().restOk() <= 0 || swap.load().restLongestGapMs() >= 1000) {
                broken.add("REST silent for " + swap.load().restLongestGapMs() + " ms");
            }
            if (!swap.pidsUnchanged()) {
                broken.add("container PIDs changed " + swap.pidsBefore() + " -> " + swap.pidsAfter());
            }
            if (!swap.updateInWindow()) {
                broken.add("the update outlasted the load window");
            }
            if (!broken.isEmpty()) {
                failures.add(bundle.symbolicName() + ": " + String.join("; ", broken) + "\n    " + swap.summary());
            }
        }
        String environment = rig.environmentState();
        assertTrue("the environment is still HEALTHY after all updates:\n" + environment,
                environment.toLowerCase().contains("healthy"));
        assertTrue("bundles whose update under load was noticed:\n" + String.join("\n", failures),
                failures.isEmpty());
    }

    private static Path repo(String relative) {
        return Path.of(System.getProperty("peeros.work")).getParent().getParent().getParent().resolve(relative);
    }
}
