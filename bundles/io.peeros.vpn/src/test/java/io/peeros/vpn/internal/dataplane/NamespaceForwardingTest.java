package io.peeros.vpn.internal.dataplane;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assume.assumeTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/**
 * Two network-namespace hosts joined by a veth pair, one {@link ForwarderMain} process in each: ping both ways
 * across the TAPs, then a 32 MiB TCP transfer whose SHA-256 must match (this covers the Java TSO segmentation
 * and the receive-side coalescing). Every I/O variant. Needs root and iproute2; skipped otherwise.
 */
public class NamespaceForwardingTest {
    private static final String A = "pvtestA";
    private static final String B = "pvtestB";
    private final List<Process> forwarders = new ArrayList<>();
    private final List<Path> logs = new ArrayList<>();

    @Before
    public void namespaces() throws Exception {
        assumeTrue("needs root, ip and python3", "root".equals(System.getProperty("user.name"))
                && (new File("/usr/sbin/ip").canExecute() || new File("/sbin/ip").canExecute()));
        assumeTrue(new File("/usr/bin/python3").canExecute() && new File("/dev/net/tun").exists());
        cleanup();
        sh("ip netns add " + A + " && ip netns add " + B
                + " && ip link add pvta netns " + A + " type veth peer name pvtb netns " + B
                + " && ip -n " + A + " addr add 10.252.0.1/24 dev pvta && ip -n " + B + " addr add 10.252.0.2/24 dev pvtb"
                + " && ip -n " + A + " link set pvta up && ip -n " + B + " link set pvtb up"
                + " && ip -n " + A + " link set lo up && ip -n " + B + " link set lo up", 20);
    }

    @After
    public void cleanup() throws Exception {
        for (Process p : forwarders) {
            p.destroy();
            if (!p.waitFor(5, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        }
        forwarders.clear();
        logs.clear();
        sh("ip netns del " + A + " 2>/dev/null; ip netns del " + B + " 2>/dev/null; true", 20);
    }

    @Test
    public void vnetWithUdpGso() throws Exception {
        pingAndTransfer("vnet_gso", "gcm");
    }

    @Test
    public void vnetWithSendmmsgAndChaCha() throws Exception {
        pingAndTransfer("vnet", "chacha");
    }

    @Test
    public void mmsgBatches() throws Exception {
        pingAndTransfer("mmsg", "gcm");
    }

    @Test
    public void plainDatagramChannel() throws Exception {
        pingAndTransfer("plain", "gcm");
    }

    private void pingAndTransfer(String io, String cipher) throws Exception {
        try {
            run(io, cipher);
        } catch (AssertionError e) {
            StringBuilder m = new StringBuilder(e.getMessage());
            for (Path log : logs) {
                m.append("\n--- ").append(log).append(":\n").append(Files.readString(log));
            }
            throw new AssertionError(m.toString(), e);
        }
    }

    private void run(String io, String cipher) throws Exception {
        start(A, "10.252.0.1", "10.252.0.2", 1, 2, io, cipher);
        start(B, "10.252.0.2", "10.252.0.1", 2, 1, io, cipher);
        for (String[] ns : new String[][] {{A, "10.254.99.1"}, {B, "10.254.99.2"}}) {
            sh("ip -n " + ns[0] + " addr add " + ns[1] + "/24 dev pvt0 && ip -n " + ns[0] + " link set pvt0 mtu 1420 up", 10);
        }
        // the first exchange also resolves ARP through the forwarders while their JIT is still cold
        sh("ip netns exec " + A + " ping -c 1 -w 10 10.254.99.2", 20);
        sh("ip netns exec " + A + " ping -c 3 -i 0.2 -W 3 10.254.99.2", 20);
        sh("ip netns exec " + B + " ping -c 3 -i 0.2 -W 3 10.254.99.1", 20);
        String server = "import socket,hashlib;s=socket.socket();s.setsockopt(socket.SOL_SOCKET,socket.SO_REUSEADDR,1);"
                + "s.bind(('10.254.99.2',9009));s.listen(1);c,_=s.accept();h=hashlib.sha256();n=0\n"
                + "while True:\n d=c.recv(1<<20)\n if not d: break\n h.update(d);n+=len(d)\nprint(n,h.hexdigest())";
        String client = "import socket,hashlib,random,time;d=random.Random(7).randbytes(32<<20);time.sleep(0.5);"
                + "c=socket.create_connection(('10.254.99.2',9009),timeout=30);c.sendall(d);c.close();"
                + "print(len(d),hashlib.sha256(d).hexdigest())";
        Process srv = new ProcessBuilder("timeout", "60", "ip", "netns", "exec", B, "python3", "-c", server)
                .redirectErrorStream(true).start();
        String sent = sh("timeout 60 ip netns exec " + A + " python3 -c \"" + client + "\"", 70).strip();
        assertTrue("server timed out", srv.waitFor(65, TimeUnit.SECONDS));
        String received = new String(srv.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertEquals(io + "/" + cipher + ": bytes and SHA-256 through the forwarders", sent, received);
    }

    private void start(String ns, String local, String peer, int id, int peerId, String io, String cipher) throws Exception {
        Path log = Files.createTempFile("fwd-" + ns, ".log");
        log.toFile().deleteOnExit();
        logs.add(log);
        Process p = new ProcessBuilder("ip", "netns", "exec", ns, Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx128m", "-cp", System.getProperty("java.class.path"), ForwarderMain.class.getName(), "tap=pvt0",
                "local=" + local + ":7100", "peer=" + peer + ":7100", "io=" + io, "cipher=" + cipher, "id=" + id,
                "peer-id=" + peerId).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        forwarders.add(p);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!Files.readString(log).contains("READY")) {
            assertTrue("forwarder did not start: " + Files.readString(log), p.isAlive() && System.nanoTime() < deadline);
            Thread.sleep(100);
        }
    }

    private static String sh(String cmd, int seconds) throws Exception {
        Process p = new ProcessBuilder("sh", "-c", cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(seconds, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new AssertionError(cmd + " failed: " + out);
        }
        return out;
    }
}
