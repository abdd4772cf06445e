package io.peeros.container.lxc.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import io.peeros.container.api.ContainerInfo;
import io.peeros.container.api.ContainerState;
import io.peeros.container.api.ExecRequest;
import io.peeros.container.api.PortMapping;
import io.peeros.container.api.PortMapping.Protocol;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.Test;

/**
 * What survives a restart of the peer and a reboot of the machine. A restart of the peer is simulated by
 * deactivating the manager and the network and activating new instances on the same LXC path and state; a
 * reboot additionally kills the containers behind the peer's back and removes the bridge and the table, as
 * a power cycle does.
 */
public class RestartTest extends NetworkTestSupport {

    @Test
    public void afterARestartThePeerListsTheSameRunningContainersWithTheSamePids() throws Exception {
        // given two running containers, one with a port mapping, and one stopped
        String a = tn("a");
        String b = tn("b");
        String idle = tn("idle");
        net.create(a, busybox);
        net.create(b, busybox);
        net.create(idle, busybox);
        net.start(a);
        net.start(b);
        net.mapPort(a, Protocol.TCP, freePort(), 80);
        List<ContainerInfo> before = net.list();
        String rules = nftTable();

        // when the peer stops (the bundle is updated, Karaf stops) and starts again
        restartPeer();
        List<String> startedByReconcile = net.reconcile();

        // then the same containers run with the same PIDs, addresses and mappings; nothing was started twice
        List<ContainerInfo> after = net.list();
        assertEquals(List.of(), startedByReconcile);
        assertEquals(before.stream().map(i -> i.name() + " " + i.state() + " " + i.pid() + " " + i.addresses() + " "
                + i.ports()).toList(), after.stream().map(i -> i.name() + " " + i.state() + " " + i.pid() + " "
                + i.addresses() + " " + i.ports()).toList());
        assertTrue(net.info(a).pid() > 0);
        assertEquals(ContainerState.STOPPED, net.state(idle));
        assertEquals(rules, nftTable());
        assertEquals(0, net.exec(a, ExecRequest.of("true")).exitCode());
    }

    @Test
    public void afterARebootTheContainersThatRanComeBackAndTheStoppedOnesDoNot() throws Exception {
        // given a server with a mapped port and a client, started through the peer, and one stopped through it
        String server = tn("server");
        String client = tn("client");
        String stopped = tn("stopped");
        net.create(server, busybox);
        net.clone(server, client);
        net.create(stopped, busybox);
        int serverPid = net.start(server).pid();
        net.start(client);
        net.start(stopped);
        untilExecAnswers(stopped);
        net.stop(stopped, Duration.ofSeconds(5));
        int port = freePort();
        net.mapPort(server, Protocol.TCP, port, 80);
        List<String> addresses = List.of(network.lease(server).orElseThrow().dotted(),
                network.lease(client).orElseThrow().dotted());

        // when the machine goes down (containers killed, bridge and table gone) and the peer boots again
        host("lxc-stop", "-k", "-n", server, "-P", lxcPath.toString());
        host("lxc-stop", "-k", "-n", client, "-P", lxcPath.toString());
        network.teardown();
        assertFalse(bridgeExists());
        assertFalse(tableExists());
        restartPeer();

        // then the bridge and the rules are back, the two that ran start again, the stopped one stays stopped
        assertTrue(bridgeExists());
        assertTrue(nftTable().contains("tcp dport " + port + " dnat ip to " + addresses.get(0) + ":80"));
        await("the containers that ran run again", Duration.ofSeconds(30),
                () -> net.state(server) == ContainerState.RUNNING && net.state(client) == ContainerState.RUNNING);
        assertTrue(serverPid != net.info(server).pid());
        assertEquals(ContainerState.STOPPED, net.state(stopped));
        untilExecAnswers(server);
        untilExecAnswers(client);

        // with their addresses, still apart from each other (the hook marked their new ports), and the server
        // reachable through its mapped port
        assertEquals(addresses.get(0), net.info(server).addresses().get(0).getHostAddress());
        assertEquals(addresses.get(1), net.info(client).addresses().get(0).getHostAddress());
        assertEquals(1, net.exec(client, ExecRequest.of("ping", "-c", "1", "-W", "1", addresses.get(0))).exitCode());
        String gateway = subnet.replace(".0/24", ".1");
        assertEquals(0, net.exec(client, ExecRequest.of("ping", "-c", "1", "-W", "2", gateway)).exitCode());
        net.exec(server, ExecRequest.of("sh", "-c",
                "setsid sh -c 'echo up | nc -l -p 80' </dev/null >/dev/null 2>&1 &"));
        String[] answer = new String[1];
        await("the mapped port answers", Duration.ofSeconds(10), () -> {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 1000);
                s.setSoTimeout(2000);
                answer[0] = new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
                return !answer[0].isEmpty();
            } catch (IOException e) {
                return false;
            }
        });
        assertEquals("up", answer[0]);
        assertEquals(List.of(new PortMapping(server, Protocol.TCP, port, 80)), net.ports(server));
        assertTrue(Files.exists(lxcPath.resolve(server).resolve("peeros.autostart")));
        assertFalse(Files.exists(lxcPath.resolve(stopped).resolve("peeros.autostart")));
    }

    @Test
    public void destroyedBehindThePeersBackGivesTheAddressBackAtTheNextStart() throws Exception {
        String gone = tn("gone");
        net.create(gone, busybox);
        net.mapPort(gone, Protocol.UDP, freePort(), 53);
        host("lxc-destroy", "-n", gone, "-P", lxcPath.toString());

        restartPeer();

        assertTrue(network.lease(gone).isEmpty());
        assertEquals(List.of(), network.ports());
    }

    /** Deactivates the manager and the network as Karaf does when it stops, and activates new ones. */
    private static void restartPeer() throws Exception {
        net.deactivate();
        network.deactivate();
        network = newNetwork(Map.of());
        net = newNetworkedManager(Map.of());
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
