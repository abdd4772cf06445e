package io.peeros.container.lxc.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import io.peeros.container.api.ExecRequest;
import io.peeros.container.api.PortMapping.Protocol;
import io.peeros.container.lxc.internal.network.HostNetwork;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.Test;

/**
 * Containers on the peer's bridge are kept apart by default (the {@code bridge} table drops the frames between
 * their ports, which the {@code lxc.net.0.script.up} hook marks at every start) yet reach the gateway, are reached by the host and answer on
 * their mapped ports, also to each other through the gateway; with {@code isolateContainers} off they reach
 * each other. Switching the setting applies to running containers at activation and survives restarts.
 */
public class IsolationTest extends NetworkTestSupport {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Test
    public void containersReachTheHostButNotEachOtherUnlessIsolationIsOff() throws Exception {
        // given two running containers on the peer's bridge, isolation on (the default), b serving TCP on 80
        String a = tn("a");
        String b = tn("b");
        net.create(a, busybox);
        net.create(b, busybox);
        String ipA = network.lease(a).orElseThrow().dotted();
        String ipB = network.lease(b).orElseThrow().dotted();
        String gateway = subnet.replace(".0/24", ".1");
        startAndServe(a);
        startAndServe(b);
        int port = freeTcpPort();
        net.mapPort(b, Protocol.TCP, port, 80);

        // then both ports are marked, the bridge table is there, and they do not reach each other
        assertPorts(true);
        assertFalse(pings(a, ipB));
        assertFalse(pings(b, ipA));
        // but reach the gateway, the host reaches them, and the mapped port answers the host and the other container
        assertTrue(pings(a, gateway));
        assertTrue(pings(b, gateway));
        host("ping", "-c", "1", "-W", "2", ipA);
        host("ping", "-c", "1", "-W", "2", ipB);
        assertEquals("pong", tcpAnswer("127.0.0.1", port));
        assertEquals("pong", tcpAnswer(gateway, port));
        await("the hairpin answers", WAIT, () -> net.exec(a, ExecRequest.of("nc", "-w", "2", gateway,
                Integer.toString(port))).stdout().contains("pong"));

        // and after a restart (a new host veth) the hook has marked the new port
        net.stop(b, Duration.ofSeconds(5));
        startAndServe(b);
        assertPorts(true);
        assertFalse(pings(a, ipB));
        assertTrue(pings(b, gateway));

        // when isolation is switched off, running containers reach each other, also after a restart
        activate(false);
        assertPorts(false);
        assertTrue(pings(a, ipB));
        net.stop(b, Duration.ofSeconds(5));
        startAndServe(b);
        assertPorts(false);
        assertTrue(pings(b, ipA));

        // and when it is switched on again, they are apart again
        activate(true);
        assertPorts(true);
        assertFalse(pings(a, ipB));
        assertTrue(pings(a, gateway));
        assertEquals("pong", tcpAnswer(gateway, port));
    }

    /** Activates another host network component on the same bridge and state, as a configuration change does. */
    private static void activate(boolean isolate) throws IOException {
        HostNetwork other = newNetwork(Map.of("isolateContainers", isolate));
        other.deactivate();
    }

    private static void startAndServe(String name) {
        net.start(name);
        untilExecAnswers(name);
        net.exec(name, ExecRequest.of("sh", "-c", "setsid sh -c 'while :; do echo pong | nc -l -p 80; done' "
                + "</dev/null >/dev/null 2>&1 &"));
    }

    /** Both ports are in one group, not the default 0; the bridge table is there if the containers are apart. */
    private static void assertPorts(boolean apart) throws IOException, InterruptedException {
        List<String> groups;
        try (Stream<Path> s = Files.list(Path.of("/sys/class/net", bridge, "brif"))) {
            groups = s.map(p -> read(Path.of("/sys/class/net", p.getFileName().toString(), "netdev_group")))
                    .toList();
        }
        assertEquals(groups.toString(), 2, groups.size());
        assertEquals(groups.toString(), groups.get(0), groups.get(1));
        assertFalse(groups.toString(), groups.get(0).equals("0"));
        Process p = new ProcessBuilder("nft", "list", "table", "bridge", table).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(out, apart, p.waitFor() == 0);
        if (apart) {
            assertTrue(out, out.contains("iifgroup " + groups.get(0) + " oifgroup " + groups.get(0) + " drop"));
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file).strip();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean pings(String from, String to) {
        return net.exec(from, ExecRequest.of("ping", "-c", "2", "-W", "1", to)).exitCode() == 0;
    }

    private static int freeTcpPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static String tcpAnswer(String host, int port) {
        String[] answer = new String[1];
        await("tcp " + host + ":" + port + " answers", WAIT, () -> {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(host, port), 1000);
                s.setSoTimeout(2000);
                answer[0] = new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
                return !answer[0].isEmpty();
            } catch (IOException e) {
                return false;
            }
        });
        return answer[0];
    }
}
