package io.peeros.container.lxc.internal;

import static io.peeros.container.lxc.internal.LxcContainerManagerTest.expect;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import io.peeros.container.api.ContainerException;
import io.peeros.container.api.ExecRequest;
import io.peeros.container.api.PortMapping;
import io.peeros.container.api.PortMapping.Protocol;
import java.io.IOException;
import java.io.InputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import org.junit.Test;

/**
 * Host ports forwarded to containers over TCP and UDP, reached from the host itself on 127.0.0.1 and on the
 * bridge's gateway address, and from another container through the gateway (hairpin). Conflicts are refused,
 * and destroy removes the rules. Listeners: busybox {@code nc -l} in the container for TCP; this busybox has
 * no UDP mode in nc, so a Perl one-liner answers UDP inside the container's network namespace (nsenter -n).
 */
public class PortMappingTest extends NetworkTestSupport {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Test
    public void tcpAndUdpReachTheContainerFromTheHostAndAreRemovedWithIt() throws Exception {
        // given a running container with a TCP listener on 80 and a UDP responder on 5000
        String web = tn("web");
        net.create(web, busybox);
        int pid = net.start(web).pid();
        untilExecAnswers(web);
        net.exec(web, ExecRequest.of("sh", "-c", "setsid sh -c 'while :; do echo pong | nc -l -p 80; done' "
                + "</dev/null >/dev/null 2>&1 &"));
        Process udp = new ProcessBuilder("nsenter", "-t", Integer.toString(pid), "-n", "perl", "-MIO::Socket::INET",
                "-e", "$s = IO::Socket::INET->new(LocalPort => 5000, Proto => 'udp') or die $!; "
                        + "while ($s->recv($m, 100)) { $s->send('pong-udp:' . $m) }")
                .redirectErrorStream(true).start();
        try {
            int tcpPort = freeTcpPort();
            int udpPort = tcpPort;

            // when host ports are mapped to them
            PortMapping tcp = net.mapPort(web, Protocol.TCP, tcpPort, 80);
            PortMapping udpMap = net.mapPort(web, Protocol.UDP, udpPort, 5000);
            assertEquals(tcp, net.mapPort(web, Protocol.TCP, tcpPort, 80)); // the same mapping again is a no-op

            // then the host reaches them through 127.0.0.1 and through the gateway, over TCP and UDP
            String gateway = subnet.replace(".0/24", ".1");
            assertEquals("pong", tcpAnswer("127.0.0.1", tcpPort));
            assertEquals("pong", tcpAnswer(gateway, tcpPort));
            assertEquals("pong-udp:ping", udpAnswer("127.0.0.1", udpPort));
            assertEquals("pong-udp:ping", udpAnswer(gateway, udpPort));

            // and another container reaches it through the gateway's host port
            String client = tn("client");
            net.create(client, busybox);
            net.start(client);
            untilExecAnswers(client);
            await("the hairpin answers", WAIT, () -> "pong\n".equals(net.exec(client, ExecRequest.of("nc", "-w", "2",
                    gateway, Integer.toString(tcpPort))).stdout()));

            // and the mappings are listed, recorded and in the table
            assertEquals(List.of(tcp, udpMap), net.ports(web));
            assertEquals(List.of(tcp, udpMap), net.info(web).ports());
            assertEquals(List.of(), net.info(client).ports());
            String rules = nftTable();
            assertTrue(rules, rules.contains("tcp dport " + tcpPort + " dnat ip to "));
            assertTrue(rules, rules.contains("udp dport " + udpPort + " dnat ip to "));

            // and destroy removes them: rules, state and the ports are free again
            net.destroy(web);
            rules = nftTable();
            assertFalse(rules, rules.contains("dport " + tcpPort));
            assertFalse(Files.readString(stateDir.resolve("state")).contains("port " + web));
            assertEquals(List.of(), network.ports());
            net.mapPort(client, Protocol.TCP, tcpPort, 80);
            net.unmapPort(client, Protocol.TCP, tcpPort);
            assertFalse(nftTable().contains("dport " + tcpPort));
        } finally {
            udp.destroyForcibly();
        }
    }

    @Test
    public void conflictsAndBadPortsAreRefused() throws Exception {
        String a = tn("a");
        String b = tn("b");
        net.create(a, busybox);
        net.create(b, busybox);
        int port = freeTcpPort();
        net.mapPort(a, Protocol.TCP, port, 80);

        // a host port mapped to another target is refused, naming the holder; the other protocol is free
        ContainerException taken = refused(ContainerException.PORT_TAKEN, () -> net.mapPort(b, Protocol.TCP, port, 80));
        assertTrue(taken.getMessage(), taken.getMessage().contains("already mapped to " + a + ":80"));
        refused(ContainerException.PORT_TAKEN, () -> net.mapPort(a, Protocol.TCP, port, 81));
        net.mapPort(b, Protocol.UDP, port, 53);

        // a port a host process has bound is refused, for TCP and UDP
        try (ServerSocket listening = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                DatagramSocket bound = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            ContainerException busy = refused(ContainerException.PORT_TAKEN,
                    () -> net.mapPort(a, Protocol.TCP, listening.getLocalPort(), 80));
            assertTrue(busy.getMessage(), busy.getMessage().contains("127.0.0.1:" + listening.getLocalPort()));
            refused(ContainerException.PORT_TAKEN, () -> net.mapPort(a, Protocol.UDP, bound.getLocalPort(), 80));
        }

        // ports out of range, mappings that are not there, unknown containers
        for (int bad : new int[] {0, -1, 65536}) {
            refused(ContainerException.INVALID_REQUEST, () -> net.mapPort(a, Protocol.TCP, bad, 80));
            refused(ContainerException.INVALID_REQUEST, () -> net.mapPort(a, Protocol.TCP, port + 1, bad));
        }
        expect(ContainerException.NOT_FOUND, () -> net.unmapPort(b, Protocol.TCP, port));
        expect(ContainerException.NOT_FOUND, () -> net.mapPort(tn("missing"), Protocol.TCP, port + 2, 80));
        expect(ContainerException.INVALID_NAME, () -> net.mapPort("Bad", Protocol.TCP, port + 2, 80));

        // nothing of that changed the table
        assertEquals(List.of(new PortMapping(a, Protocol.TCP, port, 80), new PortMapping(b, Protocol.UDP, port, 53)),
                network.ports());
    }

    private static ContainerException refused(String code, Runnable r) {
        try {
            r.run();
            fail("expected " + code);
            return null;
        } catch (ContainerException e) {
            assertEquals(e.getMessage(), code, e.code());
            return e;
        }
    }

    private static int freeTcpPort() throws IOException {
        for (;;) {
            try (ServerSocket s = new ServerSocket(0); DatagramSocket d = new DatagramSocket(s.getLocalPort())) {
                return s.getLocalPort();
            } catch (IOException e) {
                // that number is taken for UDP: try another
            }
        }
    }

    /** The first line the mapped TCP port answers, retried until the listener is up. */
    private static String tcpAnswer(String host, int port) {
        String[] answer = new String[1];
        await("tcp " + host + ":" + port + " answers", WAIT, () -> {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(host, port), 1000);
                s.setSoTimeout(2000);
                InputStream in = s.getInputStream();
                answer[0] = new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
                return !answer[0].isEmpty();
            } catch (IOException e) {
                return false;
            }
        });
        return answer[0];
    }

    private static String udpAnswer(String host, int port) {
        String[] answer = new String[1];
        await("udp " + host + ":" + port + " answers", WAIT, () -> {
            try (DatagramSocket s = new DatagramSocket()) {
                s.setSoTimeout(300);
                byte[] ping = "ping".getBytes(StandardCharsets.UTF_8);
                s.send(new DatagramPacket(ping, ping.length, new InetSocketAddress(host, port)));
                DatagramPacket in = new DatagramPacket(new byte[100], 100);
                s.receive(in);
                answer[0] = new String(in.getData(), 0, in.getLength(), StandardCharsets.UTF_8);
                return true;
            } catch (IOException e) {
                return false; // no answer yet (timeout) or refused: ask again
            }
        });
        return answer[0];
    }
}
