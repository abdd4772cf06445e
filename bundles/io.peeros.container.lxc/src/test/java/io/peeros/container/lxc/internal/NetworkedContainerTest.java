package io.peeros.container.lxc.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assume.assumeTrue;

import io.peeros.container.api.ContainerInfo;
import io.peeros.container.api.Template;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/**
 * A container on a veth into a bridge this test creates and removes (never lxcbr0), with a static address:
 * info reports it. The bridge has no uplink, so nothing leaves the machine.
 */
public class NetworkedContainerTest extends LxcTestSupport {

    private static final Path IP = Path.of("/usr/sbin/ip");

    private String bridge;

    @Before
    public void createBridge() throws Exception {
        assumeTrue("iproute2 not installed", Files.isExecutable(IP));
        bridge = "ptbr" + Integer.toString(new Random().nextInt(36 * 36 * 36 * 36), 36);
        ip("link", "add", bridge, "type", "bridge");
        ip("link", "set", bridge, "up");
    }

    @After
    public void removeBridge() throws Exception {
        destroyAll();
        if (bridge != null) {
            ip("link", "del", bridge);
        }
    }

    @Test
    public void infoReportsTheStaticAddresses() throws Exception {
        Template net = BusyboxTemplate.build(work.resolve("templates/net-" + bridge), "busybox-net", """
                lxc.net.0.type = veth
                lxc.net.0.link = %s
                lxc.net.0.flags = up
                lxc.net.0.ipv4.address = 10.213.7.2/24
                lxc.net.0.ipv6.address = fd42:7::2/64
                """.formatted(bridge));
        // the veth replaces the template's empty network
        Files.writeString(net.config(), Files.readString(net.config()).replace("lxc.net.0.type = empty\n", ""));
        String n = name("net");
        manager.create(n, net);

        ContainerInfo info = manager.start(n);

        List<InetAddress> addresses = info.addresses();
        assertTrue(addresses.toString(), addresses.contains(InetAddress.getByName("10.213.7.2")));
        assertTrue(addresses.toString(), addresses.contains(InetAddress.getByName("fd42:7::2")));
        assertEquals(addresses, manager.list().get(0).addresses());
        untilExecAnswers(n); // init has its SIGPWR handler by now: a PID 1 drops signals it does not handle
        assertEquals(List.of(), manager.stop(n, null).addresses());
    }

    private static void ip(String... args) throws IOException, InterruptedException {
        List<String> argv = new java.util.ArrayList<>(List.of(IP.toString()));
        argv.addAll(List.of(args));
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException(String.join(" ", argv) + " failed: " + out);
        }
    }
}
