package io.peeros.vpn.internal.node;

import io.peeros.vpn.api.Swarm;
import io.peeros.vpn.api.SwarmMember;
import io.peeros.vpn.internal.crypto.CipherSuite;
import io.peeros.vpn.internal.crypto.CryptoConfig;
import io.peeros.vpn.internal.crypto.StateMap;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

/**
 * Runs one {@link VpnNode} from a properties file, for the namespace tests and the benchmark (not part of the
 * bundle's services): {@code java -cp ... NodeMain node.properties}. Keys: {@code key} (base64 PKCS#8 EC key),
 * {@code cert} (base64 DER), {@code bind}, {@code swarm}, {@code tap}, {@code tap.address} (CIDR, optional),
 * {@code member.N} (base64 DER certificates), {@code hint.<peerId>} (ip:port[,ip:port]), {@code status} (a file
 * rewritten every 250 ms), and optional timers {@code keepalive.ms}, {@code pathTimeout.ms},
 * {@code endpoints.ms}, {@code rekey.ms}, {@code punch.ttl}, {@code suite} (AES_256_GCM|CHACHA20_POLY1305).
 * A second swarm on the same node and socket: {@code swarm2}, {@code tap2}, {@code tap2.address},
 * {@code member2.N}; its status goes to the status file name + {@code .2}. Prints {@code READY <tap> <port>}. Reads commands on stdin: {@code members <file>} (one base64 certificate a
 * line), {@code leave <swarm>}, {@code offer <ms>} (offers the node for a handover that
 * expires after ms: then the node closes), {@code handover} (takes the offer, or a new one, and hands the node
 * over to a fresh instance in this process, as the bundle does on an update; prints
 * {@code HANDOVER in <us> us (old node stopped in <us> us, new one forwarding <us> us later)};
 * {@code handover corrupt} first makes every session entry of the snapshot
 * unreadable, so the successor must fall back to fresh sessions), {@code threads} (prints the node's thread names) and {@code quit}.
 */
public final class NodeMain {
    private NodeMain() {
    }

    public static void main(String[] args) throws Exception {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(Path.of(args[0]))) {
            p.load(r);
        }
        Base64.Decoder b64 = Base64.getDecoder();
        X509Certificate own = certificate(p.getProperty("cert"));
        FileIdentity identity = new FileIdentity(b64.decode(p.getProperty("key")), own);
        NodeSettings s = NodeSettings.defaults().withBind(EndpointParser.socket(p.getProperty("bind", "0.0.0.0:7946")));
        s = s.withTimers(millis(p, "keepalive.ms", s.keepalive()), millis(p, "pathTimeout.ms", s.pathTimeout()),
                millis(p, "endpoints.ms", s.endpointsInterval()));
        CryptoConfig c = CryptoConfig.defaults(CipherSuite.valueOf(p.getProperty("suite", "AES_256_GCM")));
        if (p.containsKey("rekey.ms")) {
            Duration rekey = millis(p, "rekey.ms", null);
            c = new CryptoConfig(c.suite(), rekey, rekey.multipliedBy(3), c.rekeyAfterBytes(), c.rejectAfterBytes(),
                    c.rekeyAfterMessages(), c.rejectAfterMessages(), c.maxAuthFailures(),
                    c.rekeyTimeout(), c.rekeyAttemptTime(), c.keepaliveTimeout(), c.staticKeyLifetime(),
                    c.handshakesPerSecond(), c.maxPendingHandshakes());
        }
        s = s.withCrypto(c);
        if (p.containsKey("punch.ttl")) {
            s = new NodeSettings(s.bind(), s.underlayMtu(), s.crypto(), s.keepalive(), s.pathTimeout(),
                    s.endpointsInterval(), Integer.parseInt(p.getProperty("punch.ttl").trim()), s.macAge(), s.socketBuffer());
        }
        Map<String, X509Certificate> members = new LinkedHashMap<>();
        for (String k : p.stringPropertyNames()) {
            if (k.startsWith("member.")) {
                X509Certificate m = certificate(p.getProperty(k));
                members.put(io.peeros.identity.api.PeerIds.of(m), m);
            }
        }
        String swarmId = p.getProperty("swarm", "s1");
        String tap = p.getProperty("tap", "pvn0");
        Path status = Path.of(p.getProperty("status", "/tmp/vpn-status-" + ProcessHandle.current().pid()));
        VpnNode first = VpnNode.open(s, identity, Clock.systemUTC(), new SecureRandom());
        AtomicReference<VpnNode> current = new AtomicReference<>(first);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> current.get().close()));
        VpnNode node = first;
        for (String k : p.stringPropertyNames()) {
            if (k.startsWith("hint.")) {
                node.setEndpointHints(k.substring(5), List.of(p.getProperty(k).split(",")).stream()
                        .map(EndpointParser::socket).toList());
            }
        }
        Map<String, Map<String, X509Certificate>> joined = new LinkedHashMap<>();
        Swarm swarm = node.join(swarmId, tap, members);
        joined.put(swarmId, members);
        if (p.containsKey("tap.address")) {
            run("ip", "addr", "add", p.getProperty("tap.address"), "dev", swarm.interfaceName());
        }
        String swarm2 = p.getProperty("swarm2");
        Path status2 = status.resolveSibling(status.getFileName() + ".2");
        if (swarm2 != null) {
            Map<String, X509Certificate> members2 = new LinkedHashMap<>();
            for (String k : p.stringPropertyNames()) {
                if (k.startsWith("member2.")) {
                    X509Certificate m = certificate(p.getProperty(k));
                    members2.put(io.peeros.identity.api.PeerIds.of(m), m);
                }
            }
            Swarm second = node.join(swarm2, p.getProperty("tap2", "pvn1"), members2);
            joined.put(swarm2, members2);
            if (p.containsKey("tap2.address")) {
                run("ip", "addr", "add", p.getProperty("tap2.address"), "dev", second.interfaceName());
            }
        }
        System.out.println("READY " + swarm.interfaceName() + " " + node.localAddress().getPort() + " mtu="
                + s.tapMtu() + " id=" + identity.peerId());
        System.out.flush();
        Thread writer = new Thread(() -> {
            while (true) {
                try {
                    VpnNode n = current.get();
                    writeStatus(n, swarmId, status);
                    if (swarm2 != null) {
                        writeStatus(n, swarm2, status2);
                    }
                    Thread.sleep(250);
                } catch (InterruptedException e) {
                    return;
                } catch (Exception e) {
                    System.err.println("status: " + e);
                }
            }
        }, "status");
        writer.setDaemon(true);
        writer.start();
        HandoverOffer offer = null;
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = in.readLine()) != null) {
            String[] w = line.trim().split("\\s+");
            if (w[0].equals("quit")) {
                break;
            }
            node = current.get();
            if (w[0].equals("offer") && w.length == 2) {
                VpnNode offered = node;
                offer = new HandoverOffer(offered::handover, offered::close, Duration.ofMillis(Long.parseLong(w[1])));
                offer.start(() -> System.out.println("WITHDRAWN"));
                System.out.println("OFFERED");
            } else if (w[0].equals("handover")) {
                long t0 = System.nanoTime();
                if (offer == null || offer.isDone()) {
                    VpnNode offered = node;
                    offer = new HandoverOffer(offered::handover, offered::close, Duration.ofSeconds(30));
                    offer.start(() -> { });
                }
                Map<String, Object> state = offer.get();
                long stopped = System.nanoTime();
                offer = null;
                if (w.length == 2 && w[1].equals("corrupt")) {
                    corruptSessions(state);
                }
                VpnNode next = VpnNode.adopt(s, identity, Clock.systemUTC(), new SecureRandom(), state);
                for (Map.Entry<String, Map<String, X509Certificate>> e : joined.entrySet()) {
                    next.join(e.getKey(), e.getKey().equals(swarmId) ? tap : p.getProperty("tap2", "pvn1"), e.getValue());
                }
                next.start();
                long gap = next.forwardingSince() - t0;
                StateMap.wipe(state);
                current.set(next);
                System.out.println("HANDOVER in " + gap / 1000 + " us (old node stopped in " + (stopped - t0) / 1000
                        + " us, new one forwarding " + (t0 + gap - stopped) / 1000 + " us later)");
            } else if (w[0].equals("leave") && w.length == 2) {
                joined.remove(w[1]);
                System.out.println("OK leave " + node.leave(w[1]));
            } else if (w[0].equals("threads")) {
                System.out.println("THREADS " + Thread.getAllStackTraces().keySet().stream().map(Thread::getName)
                        .filter(n -> n.startsWith("vpn-")).sorted().collect(Collectors.joining(",")));
            }
            System.out.flush();
            if (w[0].equals("members") && w.length == 2) {
                Map<String, X509Certificate> next = new LinkedHashMap<>();
                for (String l : Files.readAllLines(Path.of(w[1]))) {
                    if (!l.isBlank()) {
                        X509Certificate m = certificate(l.trim());
                        next.put(io.peeros.identity.api.PeerIds.of(m), m);
                    }
                }
                node.setMembers(swarmId, next);
                joined.put(swarmId, next);
                System.out.println("OK members " + next.size());
                System.out.flush();
            }
        }
        if (line == null) {
            // stdin closed (e.g. started with </dev/null): run until killed
            Thread.sleep(Long.MAX_VALUE);
        }
        long t0 = System.nanoTime();
        current.get().close();
        System.out.println("CLOSED in " + (System.nanoTime() - t0) / 1_000_000 + " ms");
        System.exit(0);
    }

    /** Makes every handed-over session entry unreadable (a field of the wrong type), for the fallback test. */
    private static void corruptSessions(Map<String, Object> state) {
        for (Map<String, Object> sw : StateMap.mapsOf(state, "swarms")) {
            for (Map<String, Object> session : StateMap.mapsOf(StateMap.mapOf(sw, "crypto"), "sessions")) {
                session.put("attemptStarted", "corrupt");
            }
        }
    }

    static void writeStatus(VpnNode node, String swarmId, Path status) throws IOException {
        Swarm sw = node.swarm(swarmId).orElseThrow();
        StringBuilder b = new StringBuilder();
        b.append("swarm ").append(sw.id()).append(' ').append(sw.interfaceName()).append(" rxPackets=")
                .append(sw.stats().rxPackets()).append(" txPackets=").append(sw.stats().txPackets())
                .append(" handshakes=").append(sw.stats().handshakes()).append(" drops=")
                .append(sw.stats().drops().entrySet().stream().map(e -> e.getKey() + ":" + e.getValue())
                        .collect(Collectors.joining(",")))
                .append('\n');
        for (SwarmMember m : sw.members()) {
            b.append("member ").append(m.peerId()).append(" path=").append(m.path()).append(" endpoint=")
                    .append(m.endpoint().orElse("-")).append(" relay=").append(m.relayPeerId().orElse("-"))
                    .append(" rtt_us=").append(m.rtt().map(d -> Long.toString(d.toNanos() / 1000)).orElse("-"))
                    .append(" handshakes=").append(m.stats().handshakes()).append(" rxPackets=")
                    .append(m.stats().rxPackets()).append(" txPackets=").append(m.stats().txPackets()).append('\n');
        }
        b.append("counters ").append(node.counters(swarmId).entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(" "))).append('\n');
        Path tmp = status.resolveSibling(status.getFileName() + ".tmp");
        Files.writeString(tmp, b.toString());
        Files.move(tmp, status, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static Duration millis(Properties p, String key, Duration fallback) {
        String v = p.getProperty(key);
        return v == null ? fallback : Duration.ofMillis(Long.parseLong(v.trim()));
    }

    private static X509Certificate certificate(String base64) throws Exception {
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(Base64.getDecoder().decode(base64.trim())));
    }

    private static void run(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", cmd) + ": " + out);
        }
    }

    /** {@code ip:port} parsing for the configuration. */
    static final class EndpointParser {
        private EndpointParser() {
        }

        static java.net.InetSocketAddress socket(String s) {
            return Endpoint.parse(s.trim()).toInet();
        }
    }

}
