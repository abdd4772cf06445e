package io.peeros.itests;

import static org.hamcrest.CoreMatchers.containsString;
import static org.hamcrest.CoreMatchers.not;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;

import io.peeros.itests.support.PeerMesh;
import io.peeros.itests.support.PeerProcess;
import io.peeros.itests.support.Processes;
import io.peeros.itests.support.TestNetwork;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;

/**
 * Three real peers, each a distribution in its own network namespace, register with each other and join one
 * swarm through the shell, as three owners would. Each peer's swarm bridge gets a test address (standing in for
 * a container), and the test checks that the three talk as on one switch: ping on every pair, a checksummed TCP
 * transfer, ARP across peers; that the swarm comes back after a peer restarts; that a peer whose registration
 * ends is cut off; and that leaving removes the bridge and TAP.
 */
public class VpnSwarmIT {

    private static final Duration BOOT = PeerMesh.BOOT;
    private static final String SWARM = "env-it";
    private static final String SUBNET = "10.201.0.0/24";

    private static PeerMesh mesh;
    private static TestNetwork network;
    private static PeerProcess[] peers = new PeerProcess[3];
    private static String[] ids = new String[3];

    @BeforeClass
    public static void startThreePeersAndRegisterThem() {
        mesh = PeerMesh.start(3, "vpn", peer -> peer.configure("io.peeros.vpn", Map.of("refreshSeconds", "2")));
        network = mesh.network();
        for (int i = 0; i < 3; i++) {
            peers[i] = mesh.peer(i);
            ids[i] = mesh.id(i);
        }
    }

    @AfterClass
    public static void stopPeers() {
        if (mesh != null) {
            for (PeerProcess peer : peers) {
                peer.destroyContainers("c-" + peer.name());
            }
            mesh.close();
        }
    }

    @Test
    public void threePeersTalkAsOnOneSwitch() throws Exception {
        // Bad input is refused with the reason, and leaves nothing behind.
        assertThat(peers[0].shell("vpn:join --subnet 10.201.0.1/24 " + SWARM + " " + ids[1]), containsString("SUBNET_INVALID"));
        assertThat(peers[0].shell("vpn:join --subnet " + SUBNET + " " + SWARM + " " + "f".repeat(64)),
                containsString("MEMBER_UNKNOWN"));
        assertThat(peers[0].shell("vpn:list"), not(containsString(SWARM)));
        assertEquals("", links(0, "pe-"));

        for (int i = 0; i < 3; i++) {
            String joined = peers[i].shell("vpn:join --subnet " + SUBNET + " " + SWARM + " " + String.join(" ", ids));
            assertThat(joined, not(containsString("Error")));
            Processes.check("ip", "-n", network.namespace(i), "addr", "add", address(i) + "/24", "dev", bridge());
        }
        // The swarm is up when every member sees both others on a direct path (each side proves its own path
        // with a round trip, so one side may be ready a keepalive before the other).
        for (int i = 0; i < 3; i++) {
            peers[i].awaitShell("vpn:show " + SWARM, out -> out.split("direct", -1).length - 1 >= 2, Duration.ofSeconds(30));
        }
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                if (j != i) {
                    ping(i, address(j));
                }
            }
        }
        // ARP resolved across peers: A learnt B's and C's MACs through the swarm.
        String neighbours = Processes.check("ip", "-n", network.namespace(0), "neigh", "show", "dev", bridge());
        assertThat(neighbours, containsString(address(1)));
        assertThat(neighbours, containsString(address(2)));
        transfer(0, 1, 32);
        transfer(2, 0, 32);
        transfer(1, 2, 32);

        // Containers on A and C join the swarm: each reaches the other peers' endpoints and the other container.
        for (int i : new int[] {0, 2}) {
            Path recipe = peers[i].home().resolve("busybox-template");
            Processes.check("sh", repo("lxc-templates/busybox/build.sh").toString(), recipe.toString());
            assertNoError(peers[i].shell("template:build -i " + recipe + " busybox 1.0.0 "
                    + peers[i].home().resolve("busybox-1.0.0.tar")));
            String name = "c-" + peers[i].name();
            assertNoError(peers[i].shell("container:create " + name + " busybox"));
            assertThat(peers[i].shell("vpn:attach " + SWARM + " " + name + " 10.202.0.5"),
                    containsString("ADDRESS_INVALID"));
            assertNoError(peers[i].shell("vpn:attach " + SWARM + " " + name + " " + containerAddress(i)));
            assertNoError(peers[i].shell("container:start " + name));
        }
        ping(1, containerAddress(0));
        ping(1, containerAddress(2));
        String fromContainer = peers[0].awaitShell("container:exec c-" + peers[0].name() + " ping -c 2 -W 2 "
                + containerAddress(2), out -> out.contains("2 packets received"), Duration.ofSeconds(20));
        assertThat(fromContainer, containsString("0% packet loss"));

        String show = peers[0].shell("vpn:show " + SWARM);
        assertThat(show, containsString(ids[1].substring(0, 12)));
        assertThat(show, containsString(ids[2].substring(0, 12)));

        // B restarts: it joins the recorded swarm again by itself.
        peers[1].stop();
        peers[1].start(false);
        assertEquals(ids[1], peers[1].awaitReady(BOOT));
        Processes.run(List.of("ip", "-n", network.namespace(1), "addr", "replace", address(1) + "/24", "dev", bridge()),
                Map.of(), null, Duration.ofSeconds(10));
        peers[1].awaitShell("vpn:show " + SWARM, out -> out.split("direct", -1).length - 1 >= 2, Duration.ofSeconds(60));
        ping(1, address(0));
        ping(1, address(2));

        // A ends its registration with C: A cuts C off at its next refresh, B and C still talk.
        assertThat(peers[0].shell("peer:unregister " + ids[2]), not(containsString("Error")));
        Thread.sleep(5000);
        assertNotEquals("A must no longer reach C", 0, pingResult(0, address(2)).exitCode());
        ping(1, address(2));
        ping(0, address(1));

        // Leaving removes the swarm's interfaces.
        for (int i = 0; i < 3; i++) {
            assertThat(peers[i].shell("vpn:leave " + SWARM), not(containsString("Error")));
            assertEquals("", links(i, "pe-"));
            assertEquals("", links(i, "pv-"));
            assertThat(peers[i].shell("vpn:list"), not(containsString(SWARM)));
        }
    }

    private static String containerAddress(int i) {
        return "10.201.0." + (21 + i);
    }

    private static void assertNoError(String output) {
        assertThat(output, not(containsString("Error")));
    }

    private static Path repo(String relative) {
        return Path.of(System.getProperty("peeros.work")).getParent().getParent().getParent().resolve(relative);
    }

    private static String address(int i) {
        return "10.201.0." + (11 + i);
    }

    private static String bridge() throws Exception {
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(SWARM.getBytes(StandardCharsets.UTF_8));
        return "pe-" + HexFormat.of().formatHex(digest, 0, 4);
    }

    private static String links(int i, String prefix) {
        return Processes.check("ip", "-n", network.namespace(i), "-o", "link", "show").lines()
                .filter(l -> l.matches("\\d+: " + prefix + ".*")).reduce("", (a, b) -> a + b + "\n");
    }

    private static Processes.Result pingResult(int from, String to) {
        // Three replies within 10 s: the first request may wait for ARP across the swarm.
        return Processes.run(List.of("ip", "netns", "exec", network.namespace(from), "ping", "-c", "3", "-i", "0.2",
                "-w", "10", to), Map.of(), null, Duration.ofSeconds(20));
    }

    private static void ping(int from, String to) {
        Processes.Result r = pingResult(from, to);
        assertEquals("ping " + to + " from peer " + from + ":\n" + r.all(), 0, r.exitCode());
    }

    private static void transfer(int from, int to, int mib) throws Exception {
        String script = Path.of(VpnSwarmIT.class.getResource("/tcp-transfer.py").toURI()).toString();
        CompletableFuture<Processes.Result> server = CompletableFuture.supplyAsync(() -> Processes.run(List.of("ip",
                "netns", "exec", network.namespace(to), "python3", script, "serve", "5001", "60"), Map.of(), null,
                Duration.ofSeconds(90)));
        Thread.sleep(1000);
        Processes.Result sent = Processes.run(List.of("ip", "netns", "exec", network.namespace(from), "python3", script,
                "send", address(to), "5001", Integer.toString(mib), "60"), Map.of(), null, Duration.ofSeconds(90));
        Processes.Result received = server.join();
        assertEquals("sender:\n" + sent.all(), 0, sent.exitCode());
        assertEquals("receiver:\n" + received.all(), 0, received.exitCode());
        assertEquals("what arrived is what was sent", sent.stdout().strip(), received.stdout().strip());
        assertThat(sent.stdout(), containsString(" " + (mib << 20)));
    }

}
