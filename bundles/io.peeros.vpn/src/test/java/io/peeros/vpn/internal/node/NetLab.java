package io.peeros.vpn.internal.node;

import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;
import static org.junit.Assume.assumeTrue;

import io.peeros.identity.api.PeerIds;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A small lab of network namespaces for the node tests: namespaces with unique {@code pvn} names, links,
 * identities, and {@link NodeMain} processes (one JVM per node, inside its namespace). Everything it creates is
 * removed by {@link #close()}; every wait is bounded.
 */
final class NetLab implements AutoCloseable {

    /** A generated peer identity. */
    static final class Peer {
        final String name;
        final KeyPair keys;
        final X509Certificate certificate;
        final String id;

        Peer(String name) throws Exception {
            this.name = name;
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp256r1"));
            this.keys = g.generateKeyPair();
            X500Name x = new X500Name("CN=" + name);
            long now = System.currentTimeMillis();
            this.certificate = new JcaX509CertificateConverter().getCertificate(new JcaX509v3CertificateBuilder(x,
                    BigInteger.valueOf(now), new Date(now - 86_400_000L), new Date(now + 86_400_000L), x,
                    keys.getPublic()).build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate())));
            this.id = PeerIds.of(certificate);
        }

        String cert64() throws Exception {
            return Base64.getEncoder().encodeToString(certificate.getEncoded());
        }
    }

    /** A running node process. */
    final class Node {
        final Peer peer;
        final String ns;
        final Process process;
        final Path log;
        final Path status;
        final OutputStream stdin;

        Node(Peer peer, String ns, Process process, Path log, Path status) {
            this.peer = peer;
            this.ns = ns;
            this.process = process;
            this.log = log;
            this.status = status;
            this.stdin = process.getOutputStream();
        }

        /** The status line of member {@code other} as key=value pairs (empty when absent). */
        Map<String, String> member(Peer other) throws IOException {
            return fields(line("member " + other.id));
        }

        Map<String, String> swarm() throws IOException {
            return fields(line("swarm "));
        }

        Map<String, String> counters() throws IOException {
            return fields(line("counters "));
        }

        long drops(String cause) throws IOException {
            String d = swarm().getOrDefault("drops", "");
            for (String kv : d.split(",")) {
                if (kv.startsWith(cause + ":")) {
                    return Long.parseLong(kv.substring(cause.length() + 1));
                }
            }
            return 0;
        }

        private String line(String prefix) throws IOException {
            if (!Files.exists(status)) {
                return "";
            }
            for (String l : Files.readAllLines(status)) {
                if (l.startsWith(prefix)) {
                    return l;
                }
            }
            return "";
        }

        void command(String line) throws IOException {
            stdin.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            stdin.flush();
        }

        String log() {
            try {
                return Files.readString(log);
            } catch (IOException e) {
                return e.toString();
            }
        }
    }

    private final String tag = Integer.toString(ThreadLocalRandom.current().nextInt(0x1000, 0xffff), 16);
    private final List<String> namespaces = new ArrayList<>();
    private final List<Node> nodes = new ArrayList<>();
    private final Path dir;

    NetLab() throws Exception {
        assumeTrue("needs root, ip, python3 and /dev/net/tun", "root".equals(System.getProperty("user.name"))
                && (new File("/usr/sbin/ip").canExecute() || new File("/sbin/ip").canExecute())
                && new File("/dev/net/tun").exists());
        assumeTrue("needs python3 and nft (apt-get install python3 nftables)",
                NetLab.code("command -v python3 && command -v nft", 5) == 0);
        dir = Files.createTempDirectory("pvn");
    }

    /** A namespace named {@code pvn<tag><suffix>}, with lo up. */
    String ns(String suffix) throws Exception {
        String name = "pvn" + tag + suffix;
        sh("ip netns add " + name + " && ip -n " + name + " link set lo up", 10);
        namespaces.add(name);
        return name;
    }

    /** A veth pair between two namespaces with addresses (CIDR) on each end; interface names given. */
    void link(String ns1, String if1, String cidr1, String ns2, String if2, String cidr2) throws Exception {
        String tmp1 = "pvt" + tag + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x100, 0xfff));
        String tmp2 = "pvu" + tag + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x100, 0xfff));
        sh("ip link add " + tmp1 + " type veth peer name " + tmp2
                + " && ip link set " + tmp1 + " netns " + ns1 + " && ip link set " + tmp2 + " netns " + ns2
                + " && ip -n " + ns1 + " link set " + tmp1 + " name " + if1
                + " && ip -n " + ns2 + " link set " + tmp2 + " name " + if2
                + (cidr1 == null ? "" : " && ip -n " + ns1 + " addr add " + cidr1 + " dev " + if1)
                + (cidr2 == null ? "" : " && ip -n " + ns2 + " addr add " + cidr2 + " dev " + if2)
                + " && ip -n " + ns1 + " link set " + if1 + " up && ip -n " + ns2 + " link set " + if2 + " up", 10);
    }

    /** A bridge namespace with hosts attached: host i gets {@code subnet.(i+1)/24} on eth0. */
    String bridge(List<String> hosts, String subnet) throws Exception {
        String br = ns("br");
        sh("ip -n " + br + " link add br0 type bridge && ip -n " + br + " link set br0 up", 10);
        for (int i = 0; i < hosts.size(); i++) {
            link(br, "p" + i, null, hosts.get(i), "eth0", subnet + "." + (i + 1) + "/24");
            sh("ip -n " + br + " link set p" + i + " master br0", 10);
        }
        return br;
    }

    /**
     * Starts a node in {@code ns}: swarm "s1" with {@code members}, TAP {@code pvn0} with {@code tapCidr},
     * endpoint hints for peers, and extra properties.
     */
    Node start(Peer self, String ns, String tapCidr, List<Peer> members, Map<Peer, String> hints,
            Map<String, String> extra) throws Exception {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("key", Base64.getEncoder().encodeToString(self.keys.getPrivate().getEncoded()));
        p.put("cert", self.cert64());
        p.put("swarm", "s1");
        p.put("tap", "pvn0");
        p.put("tap.address", tapCidr);
        Path status = dir.resolve(self.name + ".status");
        p.put("status", status.toString());
        int i = 0;
        for (Peer m : members) {
            p.put("member." + i++, m.cert64());
        }
        hints.forEach((peer, ep) -> p.put("hint." + peer.id, ep));
        p.putAll(extra);
        Path cfg = dir.resolve(self.name + ".properties");
        StringBuilder b = new StringBuilder();
        p.forEach((k, v) -> b.append(k).append('=').append(v).append('\n'));
        Files.writeString(cfg, b);
        Path log = dir.resolve(self.name + ".log");
        Process proc = new ProcessBuilder("ip", "netns", "exec", ns,
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx192m", "-XX:+UseSerialGC",
                "-cp", System.getProperty("java.class.path"), NodeMain.class.getName(), cfg.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        Node n = new Node(self, ns, proc, log, status);
        nodes.add(n);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!Files.readString(log).contains("READY")) {
            if (!proc.isAlive() || System.nanoTime() > deadline) {
                fail("node " + self.name + " did not start:\n" + Files.readString(log));
            }
            Thread.sleep(50);
        }
        return n;
    }

    /** Polls {@code check} every 100 ms for up to {@code seconds}; fails with {@code what} and the logs. */
    void await(String what, int seconds, Check check) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline) {
            if (check.ok()) {
                return;
            }
            Thread.sleep(100);
        }
        fail("timed out after " + seconds + " s waiting for " + what + "\n" + dump());
    }

    /** A condition polled by {@link #await}. */
    @FunctionalInterface
    interface Check {
        boolean ok() throws Exception;
    }

    String dump() {
        StringBuilder b = new StringBuilder();
        for (Node n : nodes) {
            b.append("--- ").append(n.peer.name).append(" log:\n").append(tail(n.log(), 3000));
            try {
                b.append("--- status:\n").append(Files.exists(n.status) ? Files.readString(n.status) : "none\n");
            } catch (IOException e) {
                b.append(e);
            }
        }
        return b.toString();
    }

    private static String tail(String s, int max) {
        return s.length() <= max ? s : s.substring(s.length() - max);
    }

    static Predicate<Map<String, String>> path(String kind) {
        return m -> kind.equals(m.get("path"));
    }

    /** Runs a shell command; fails on a non-zero exit or after {@code seconds}. Returns stdout+stderr. */
    static String sh(String cmd, int seconds) throws Exception {
        Process p = new ProcessBuilder("timeout", Integer.toString(seconds), "sh", "-c", cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(seconds + 5L, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(cmd + " hung");
        }
        if (p.exitValue() != 0) {
            throw new AssertionError(cmd + " failed (" + p.exitValue() + "): " + out);
        }
        return out;
    }

    /** Runs a shell command and returns its exit code (no failure). */
    static int code(String cmd, int seconds) throws Exception {
        Process p = new ProcessBuilder("timeout", Integer.toString(seconds), "sh", "-c", cmd).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        return p.waitFor(seconds + 5L, TimeUnit.SECONDS) ? p.exitValue() : -1;
    }

    static Map<String, String> fields(String line) {
        Map<String, String> m = new HashMap<>();
        for (String w : line.split(" ")) {
            int eq = w.indexOf('=');
            if (eq > 0) {
                m.put(w.substring(0, eq), w.substring(eq + 1));
            }
        }
        return m;
    }

    Path dir() {
        return dir;
    }

    /** The TCP helper script (server / client with SHA-256), copied into the lab directory. */
    String tcpScript() throws IOException {
        Path script = dir.resolve("pvn_tcp.py");
        if (!Files.exists(script)) {
            try (var in = NetLab.class.getResourceAsStream("/pvn_tcp.py")) {
                Files.copy(in, script);
            }
        }
        return script.toString();
    }

    /** Starts the TCP server in {@code ns}; its output (bytes and SHA-256) is read after the transfer. */
    Process tcpServer(String ns, String ip, int port, int seconds) throws Exception {
        return new ProcessBuilder("timeout", Integer.toString(seconds), "ip", "netns", "exec", ns, "python3",
                tcpScript(), "server", ip, Integer.toString(port)).redirectErrorStream(true).start();
    }

    /** Runs the TCP client in {@code ns}: {@code bytes} of seeded random data, paced at {@code rate} B/s (0: as fast as possible). */
    Process tcpClient(String ns, String ip, int port, long bytes, long rate, int seconds) throws Exception {
        return new ProcessBuilder("timeout", Integer.toString(seconds), "ip", "netns", "exec", ns, "python3",
                tcpScript(), "client", ip, Integer.toString(port), Long.toString(bytes), Long.toString(rate))
                .redirectErrorStream(true).start();
    }

    /** Waits for both ends of a transfer and returns {client output, server output}. */
    static String[] finish(Process client, Process server, int seconds) throws Exception {
        boolean c = client.waitFor(seconds, TimeUnit.SECONDS);
        boolean s = server.waitFor(10, TimeUnit.SECONDS);
        String co = new String(client.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        String so = s ? new String(server.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip() : "(server still running)";
        if (!c) {
            client.destroyForcibly();
        }
        if (!s) {
            server.destroyForcibly();
        }
        return new String[] {co, so};
    }

    /** Stops a node with "quit"; returns its log. */
    String stop(Node n) throws Exception {
        n.command("quit");
        assertTrue("node " + n.peer.name + " did not stop", n.process.waitFor(10, TimeUnit.SECONDS));
        return n.log();
    }

    @Override
    public void close() {
        for (Node n : nodes) {
            n.process.destroy();
        }
        for (Node n : nodes) {
            try {
                if (!n.process.waitFor(5, TimeUnit.SECONDS)) {
                    n.process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        for (String ns : namespaces) {
            try {
                code("ip netns pids " + ns + " | xargs -r kill -9; ip netns del " + ns, 10);
            } catch (Exception e) {
                // best effort
            }
        }
    }

    static Map<Peer, String> hints(Object... peerAndEndpoint) {
        Map<Peer, String> m = new LinkedHashMap<>();
        for (int i = 0; i < peerAndEndpoint.length; i += 2) {
            m.put((Peer) peerAndEndpoint[i], (String) peerAndEndpoint[i + 1]);
        }
        return m;
    }
}
