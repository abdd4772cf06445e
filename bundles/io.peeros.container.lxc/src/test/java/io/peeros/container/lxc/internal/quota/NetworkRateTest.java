package io.peeros.container.lxc.internal.quota;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assume.assumeTrue;

import io.peeros.container.api.ContainerException;
import io.peeros.container.api.Quota;
import io.peeros.container.lxc.internal.network.HostNetwork;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/**
 * The network rate limit holds both ways on a container's veth. The container sits on a bridge this test
 * creates (no uplink: nothing leaves the machine) with a static address; the test JVM on the bridge's
 * address is the other end. The host looks like one that runs a peer: the bridge is a {@link HostNetwork}
 * with its nftables NAT table ({@code inet tq<id>}), and a second quota service on another LXC path (what
 * a peer running on the same host is) sweeps the rate limiters every second while the test shapes.
 */
public class NetworkRateTest extends QuotaTestSupport {

    private static final long RATE = 8_000_000;
    private static final Duration WINDOW = Duration.ofSeconds(3);

    private String bridge;
    private String table;
    private String subnet;
    private HostNetwork network;
    private LxcQuotaService otherPeer;

    @Before
    public void createHostNetwork() throws Exception {
        assumeTrue("tc not found: apt-get install iproute2", Files.isExecutable(Path.of("/usr/sbin/tc")));
        assumeTrue("nft not found: apt-get install nftables", Files.isExecutable(Path.of("/usr/sbin/nft")));
        Random random = new Random();
        String id = Integer.toString(random.nextInt(36 * 36 * 36 * 36), 36);
        bridge = "tqbr" + id;
        table = "tq" + id;
        for (int attempt = 0; network == null; attempt++) {
            subnet = "10.218." + random.nextInt(256);
            try {
                network = new HostNetwork(Configs.of(HostNetwork.Config.class, Map.of("bridgeName", bridge,
                        "subnet", subnet + ".0/24", "nftTable", table, "stateDirectory",
                        work.resolve("network-" + id).toString())));
            } catch (ContainerException e) {
                if (attempt > 20 || !e.getMessage().contains("overlaps")) {
                    throw e;
                }
            }
        }
        assertTrue(HostCommand.check("nft", "list", "table", "inet", table).contains("masquerade"));
        Path otherLxcPath = work.resolve("other-peer-" + id);
        Files.createDirectories(otherLxcPath);
        otherPeer = newQuotaService(Map.of("lxcPath", otherLxcPath.toString()));
    }

    @After
    public void removeHostNetwork() throws Exception {
        if (otherPeer != null) {
            otherPeer.deactivate();
        }
        destroyAll();
        quotas.checkNetworkLimits();
        if (network != null) {
            network.teardown();
            network.deactivate();
        }
    }

    @Test
    public void theRateLimitHoldsBothWays() throws Exception {
        // given a running container on the bridge, limited to 8 Mbit/s while it runs
        String n = networked("rate");
        manager.start(n);
        untilExecAnswers(n);
        quotas.setQuota(n, Quota.NONE.withNetworkBitsPerSecond(RATE));
        String veth = veth(n);
        assertTrue(tc(veth), tc(veth).contains("tbf") && tc(veth).contains("rate 8Mbit"));

        // when it sends as fast as it can, and then receives as fast as the host sends
        double up = upload(n);
        double down = download(n, veth);
        LOG.info("network limit 8 Mbit/s: container sent {} Mbit/s, received {} Mbit/s", String.format("%.2f", up / 1e6),
                String.format("%.2f", down / 1e6));

        // then both directions hold the rate, roughly (TCP over a token bucket)
        assertTrue("sent " + up, up > RATE * 0.7 && up < RATE * 1.2);
        assertTrue("received " + down, down > RATE * 0.7 && down < RATE * 1.2);
        assertTrue(metrics.container(n).netTxBytes() > up * WINDOW.toSeconds() / 8 / 2);
    }

    @Test
    public void aLimitSetBeforeTheVethExistsIsAppliedWhenItDoes() throws Exception {
        // given a stopped container with a 4 Mbit/s limit: it has no veth yet
        String n = networked("later");
        quotas.setQuota(n, Quota.NONE.withNetworkBitsPerSecond(4_000_000L));

        // when it starts
        manager.start(n);
        untilExecAnswers(n);
        String veth = veth(n);

        // then the periodic check shapes its new veth, and removing the limit removes the shaping
        await("tbf on " + veth, Duration.ofSeconds(10), () -> tcQuietly(veth).contains("rate 4Mbit"));
        String ifb = NetworkShaper.ifbName(veth);
        assertTrue(Files.exists(Path.of("/sys/class/net", ifb)));
        quotas.setQuota(n, Quota.NONE);
        assertFalse(tc(veth), tc(veth).contains("tbf"));
        assertFalse(Files.exists(Path.of("/sys/class/net", ifb)));
    }

    /** A stopped busybox container with a veth on the test bridge and a static address. */
    private String networked(String purpose) throws IOException {
        String n = tq(purpose);
        manager.create(n, busybox);
        Path config = lxcPath.resolve(n).resolve("config");
        String veth = "lxc.net.0.type = veth\nlxc.net.0.link = " + bridge + "\nlxc.net.0.flags = up\n"
                + "lxc.net.0.ipv4.address = " + subnet + ".2/24\n";
        String c = ConfigFile.read(config);
        assertTrue(c, c.contains("lxc.net.0.type = empty\n"));
        ConfigFile.write(config, c.replace("lxc.net.0.type = empty\n", veth));
        return n;
    }

    private static String veth(String name) throws IOException {
        for (String line : HostCommand.check("lxc-info", "-n", name, "-P", lxcPath.toString(), "-S").split("\n")) {
            if (line.startsWith("Link:")) {
                return line.substring(5).strip();
            }
        }
        throw new AssertionError("no veth for " + name);
    }

    /** Bits per second the host received from the container over the window (after a second of warm-up). */
    private double upload(String n) throws Exception {
        try (ServerSocket server = new ServerSocket()) {
            server.bind(new InetSocketAddress(InetAddress.getByName(subnet + ".1"), 0));
            server.setSoTimeout(10_000);
            sh(n, "dd if=/dev/zero bs=64k count=400 2>/dev/null | nc " + subnet + ".1 " + server.getLocalPort()
                    + " >/dev/null 2>&1 &", Duration.ofSeconds(10));
            try (Socket s = server.accept(); InputStream in = s.getInputStream()) {
                s.setSoTimeout(10_000);
                byte[] buf = new byte[65536];
                long warm = System.nanoTime() + 1_000_000_000L;
                while (System.nanoTime() < warm) {
                    in.read(buf);
                }
                long t0 = System.nanoTime();
                long end = t0 + WINDOW.toNanos();
                long bytes = 0;
                while (System.nanoTime() < end) {
                    int r = in.read(buf);
                    if (r < 0) {
                        break;
                    }
                    bytes += r;
                }
                return bytes * 8 / ((System.nanoTime() - t0) / 1e9);
            }
        }
    }

    /** Bits per second that left the host towards the container (the veth's tx counter) over the window. */
    private double download(String n, String veth) throws Exception {
        sh(n, "nc -l -p 5001 >/dev/null 2>&1 &", Duration.ofSeconds(10));
        Socket s = new Socket();
        long until = System.nanoTime() + 5_000_000_000L;
        while (!s.isConnected()) {
            try {
                s.connect(new InetSocketAddress(InetAddress.getByName(subnet + ".2"), 5001), 1000);
            } catch (IOException e) {
                if (System.nanoTime() > until) {
                    throw e;
                }
                s.close();
                s = new Socket();
                Thread.sleep(50);
            }
        }
        Socket socket = s;
        Thread writer = new Thread(() -> {
            byte[] zeros = new byte[65536];
            try (OutputStream out = socket.getOutputStream()) {
                while (true) {
                    out.write(zeros);
                }
            } catch (IOException e) {
                // closed by the test at the end of the window
            }
        }, "tq-download");
        writer.start();
        try {
            Thread.sleep(1000);
            long b0 = txBytes(veth);
            long t0 = System.nanoTime();
            Thread.sleep(WINDOW.toMillis());
            long b1 = txBytes(veth);
            return (b1 - b0) * 8 / ((System.nanoTime() - t0) / 1e9);
        } finally {
            socket.close();
            writer.join(5000);
        }
    }

    private static long txBytes(String veth) throws IOException {
        return Long.parseLong(Files.readString(Path.of("/sys/class/net", veth, "statistics", "tx_bytes")).strip());
    }

    private static String tc(String veth) throws IOException {
        return HostCommand.check("tc", "qdisc", "show", "dev", veth);
    }

    private static String tcQuietly(String veth) {
        try {
            return tc(veth);
        } catch (IOException e) {
            return "";
        }
    }
}
