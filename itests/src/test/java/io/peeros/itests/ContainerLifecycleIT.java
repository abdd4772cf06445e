package io.peeros.itests;

import static org.hamcrest.CoreMatchers.containsString;
import static org.hamcrest.CoreMatchers.not;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import io.peeros.itests.support.PeerProcess;
import io.peeros.itests.support.Processes;
import io.peeros.itests.support.TestNetwork;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;

/**
 * One real peer in its own network namespace runs busybox containers on real LXC, driven the way an
 * operator drives it: the shell over SSH and REST with curl. The peer is stopped and started again in the
 * middle: its containers keep running with the same PIDs.
 */
public class ContainerLifecycleIT {

    private static final String PASSWORD = "owner-c-Secret-789";
    private static final Pattern PID = Pattern.compile("PID\\s*\\|\\s*(\\d+)");

    private static TestNetwork network;
    private static PeerProcess peer;

    @BeforeClass
    public static void startPeer() {
        Path work = Path.of(System.getProperty("peeros.work"));
        network = TestNetwork.create(1);
        peer = PeerProcess.unpack(Path.of(System.getProperty("peeros.dist.tar")), work, "peer-c", network.namespace(0),
                network.address(0), PASSWORD);
        peer.start();
        peer.awaitReady(Duration.ofSeconds(120));
    }

    @AfterClass
    public static void stopPeer() {
        if (peer != null) {
            peer.close();
            // Containers outlive the peer by design: remove what a failed run may have left.
            Path lxc = peer.home().resolve("lxc");
            for (String name : List.of("web", "web2")) {
                Processes.run(inPeerNetwork("lxc-stop", "-P", lxc.toString(), "-n", name, "-k"), Map.of(), null,
                        Duration.ofSeconds(20));
                Processes.run(inPeerNetwork("lxc-destroy", "-P", lxc.toString(), "-n", name), Map.of(), null,
                        Duration.ofSeconds(20));
            }
        }
        if (network != null) {
            network.close();
        }
    }

    @Test
    public void everyOperationFromShellAndRestOnRealLxc() throws Exception {
        // A busybox template, built from the recipe, packed, signed by this peer and imported.
        Path recipe = peer.home().resolve("busybox-template");
        Processes.check("sh", repo("lxc-templates/busybox/build.sh").toString(), recipe.toString());
        Path archive = peer.home().resolve("busybox-1.0.0.tar");
        assertNoError(peer.shell("template:build -i " + recipe + " busybox 1.0.0 " + archive));
        assertThat(peer.shell("template:list"), containsString("1.0.0"));

        // Create, start, exec, info: an address on the peer's bridge, a PID.
        assertNoError(peer.shell("container:create web busybox"));
        assertNoError(peer.shell("container:start web"));
        String hello = peer.awaitShell("container:exec web echo hello-from-web",
                out -> out.contains("hello-from-web"), Duration.ofSeconds(20));
        assertThat(hello, not(containsString("Error")));
        String info = peer.shell("container:info web");
        assertThat(info, containsString("RUNNING"));
        assertThat(info, containsString("10.251."));
        String pid = pidOf(info);

        // A non-zero exit is an error that names the exit code.
        assertThat(peer.shell("container:exec web sh -c 'exit 3'"), containsString("3"));

        // Quotas: set, shown, refused when invalid (nothing changed).
        assertNoError(peer.shell("container:quota --ram 128M --cpu 50 --pids 64 web"));
        String quota = peer.shell("container:quota web");
        assertThat(quota, containsString("128"));
        assertThat(peer.shell("container:quota --ram -5M web"), containsString("Error"));
        assertThat(peer.shell("container:quota web"), containsString("128"));

        // REST: list and exec with a token.
        String token = token();
        Processes.Result list = peer.curl("-H", "Authorization: Bearer " + token, peer.publicUrl() + "/api/v1/containers");
        assertThat(list.stdout(), containsString("\"web\""));
        Processes.Result exec = peer.curl("-H", "Authorization: Bearer " + token, "-H", "Content-Type: application/json",
                "-d", "{\"command\":[\"echo\",\"over-rest\"]}", peer.publicUrl() + "/api/v1/containers/web/exec");
        assertThat(exec.stdout(), containsString("over-rest"));
        assertThat(exec.stdout(), containsString("\"exitCode\":0"));
        Processes.Result anonymous = peer.curl("-X", "DELETE", peer.publicUrl() + "/api/v1/containers/web");
        assertTrue(anonymous.stdout(), anonymous.stdout().endsWith("401"));

        // Karaf stops: the container keeps running. Karaf starts again: same container, same PID.
        peer.stop();
        Processes.Result lxcInfo = Processes.run(inPeerNetwork("lxc-info", "-P", peer.home().resolve("lxc").toString(),
                "-n", "web", "-p", "-s"), Map.of(), null, Duration.ofSeconds(10));
        assertThat(lxcInfo.stdout(), containsString("RUNNING"));
        assertThat(lxcInfo.stdout(), containsString(pid));
        peer.start(false);
        peer.awaitReady(Duration.ofSeconds(120));
        String after = peer.awaitShell("container:info web", out -> out.contains("RUNNING"), Duration.ofSeconds(30));
        assertEquals(pid, pidOf(after));

        // Stop, clone, restart, destroy: nothing left behind.
        assertNoError(peer.shell("container:stop web"));
        assertNoError(peer.shell("container:clone web web2"));
        assertNoError(peer.shell("container:start web2"));
        peer.awaitShell("container:exec web2 echo clone-runs", out -> out.contains("clone-runs"), Duration.ofSeconds(20));
        assertNoError(peer.shell("container:restart web2"));
        assertNoError(peer.shell("container:destroy -f web2"));
        assertNoError(peer.shell("container:destroy -f web"));
        String remaining = peer.shell("container:list");
        assertThat(remaining, not(containsString("web")));
        assertFalse(Files.exists(peer.home().resolve("lxc/web")));
        assertFalse(Files.exists(peer.home().resolve("lxc/web2")));

        // Bad input: a clear error, nothing created.
        assertThat(peer.shell("container:create Bad_Name busybox"), containsString("INVALID_NAME"));
        assertThat(peer.shell("container:create ok-name no-such-template"), containsString("NOT_FOUND"));
        assertThat(peer.shell("container:list"), not(containsString("ok-name")));
    }

    /**
     * A command in the peer's network namespace: LXC's monitor answers on an abstract Unix socket, and those
     * exist per network namespace.
     */
    private static List<String> inPeerNetwork(String... command) {
        List<String> argv = new java.util.ArrayList<>(List.of("nsenter", "--net=/run/netns/" + network.namespace(0)));
        argv.addAll(List.of(command));
        return argv;
    }

    private String token() {
        Processes.Result login = peer.curl("-H", "Content-Type: application/json", "-d",
                "{\"user\":\"admin\",\"password\":\"" + PASSWORD + "\"}", peer.publicUrl() + "/api/v1/auth/token");
        Matcher token = Pattern.compile("\"token\"\\s*:\\s*\"([^\"]+)\"").matcher(login.stdout());
        assertTrue(login.all(), token.find());
        return token.group(1);
    }

    private static String pidOf(String info) {
        Matcher pid = PID.matcher(info);
        assertTrue("no PID in:\n" + info, pid.find());
        return pid.group(1);
    }

    private static void assertNoError(String output) {
        assertFalse(output, output.contains("Error"));
    }

    private static Path repo(String relative) {
        return Path.of(System.getProperty("peeros.work")).getParent().getParent().getParent().resolve(relative);
    }
}
