package io.peeros.vpn.internal.node;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.Test;

/**
 * Live handover of a node's data plane to a fresh instance in the same process (what the bundle does when it
 * is updated or its component restarts): two hosts in namespaces ping each other at 100/s through the swarm and
 * stream TCP while host a is handed over five times. Not one ping is lost, the stream arrives intact
 * (SHA-256), the TAP is the same interface afterwards (same ifindex) and, with the default rekey interval, no
 * handshake was needed. The second case rekeys every 2 s, so handovers also land while a handshake is pending.
 */
public class NodeHandoverTest {

    private static final Pattern PING = Pattern.compile("(\\d+) packets transmitted, (\\d+) received");
    private static final Pattern GAP = Pattern.compile("HANDOVER in (\\d+) us");

    @Test
    public void handoversLoseNoPingAndKeepTheStream() throws Exception {
        run(Map.of(), true);
    }

    @Test
    public void handoversDuringRekeysLoseNothing() throws Exception {
        run(Map.of("rekey.ms", "2000"), false);
    }

    /**
     * An offer nobody takes: traffic keeps flowing while it stands, then the node closes as on a plain stop
     * (TAP deleted, UDP port free, no VPN thread left).
     */
    @Test
    public void anUntakenOfferExpiresAndClosesEverything() throws Exception {
        try (NetLab lab = new NetLab()) {
            NetLab.Peer pa = new NetLab.Peer("a");
            NetLab.Peer pb = new NetLab.Peer("b");
            String a = lab.ns("a");
            String b = lab.ns("b");
            lab.bridge(List.of(a, b), "10.70.0");
            NetLab.Node na = lab.start(pa, a, "10.71.0.1/24", List.of(pa, pb), NetLab.hints(pb, "10.70.0.2:7946"), Map.of());
            lab.start(pb, b, "10.71.0.2/24", List.of(pa, pb), NetLab.hints(pa, "10.70.0.1:7946"), Map.of());
            NetLab.sh("ip netns exec " + a + " ping -c 1 -w 15 10.71.0.2", 20);
            long t0 = System.nanoTime();
            na.command("offer 3000");
            lab.await("offer made", 5, () -> na.log().contains("OFFERED"));
            NetLab.sh("ip netns exec " + a + " ping -c 3 -i 0.2 -W 2 10.71.0.2", 10);
            assertTrue("still forwarding while offered", (System.nanoTime() - t0) / 1_000_000 < 3000);
            lab.await("offer withdrawn", 10, () -> na.log().contains("WITHDRAWN"));
            lab.await("TAP deleted after the timeout", 5, () -> NetLab.code("ip -n " + a + " link show pvn0", 5) != 0);
            lab.await("UDP port free", 5, () -> !NetLab.sh("ip netns exec " + a + " ss -uln", 5).contains(":7946"));
            assertTrue("expired after the timeout, not before", (System.nanoTime() - t0) / 1_000_000 >= 3000);
            na.command("threads");
            lab.await("thread list", 5, () -> na.log().contains("THREADS"));
            String threads = na.log().lines().filter(l -> l.startsWith("THREADS")).findFirst().orElse("");
            assertEquals("no VPN thread left", "THREADS ", threads);
        }
    }

    private static void run(Map<String, String> extra, boolean noHandshake) throws Exception {
        try (NetLab lab = new NetLab()) {
            NetLab.Peer pa = new NetLab.Peer("a");
            NetLab.Peer pb = new NetLab.Peer("b");
            String a = lab.ns("a");
            String b = lab.ns("b");
            lab.bridge(List.of(a, b), "10.68.0");
            NetLab.Node na = lab.start(pa, a, "10.69.0.1/24", List.of(pa, pb), NetLab.hints(pb, "10.68.0.2:7946"), extra);
            NetLab.Node nb = lab.start(pb, b, "10.69.0.2/24", List.of(pa, pb), NetLab.hints(pa, "10.68.0.1:7946"), extra);
            NetLab.sh("ip netns exec " + a + " ping -c 1 -w 15 10.69.0.2", 20);
            lab.await("a sees b DIRECT", 15, () -> "DIRECT".equals(na.member(pb).get("path")));
            lab.await("b sees a DIRECT", 15, () -> "DIRECT".equals(nb.member(pa).get("path")));
            String ifindexBefore = ifindex(a);
            // both sides may initiate at once at start-up: wait until no handshake is under way any more
            long[] seen = {-1};
            lab.await("handshakes settled", 20, () -> {
                long h = handshakes(na, pb) + handshakes(nb, pa);
                boolean same = h == seen[0];
                seen[0] = h;
                Thread.sleep(1500);
                return same;
            });
            long handshakesBefore = handshakes(na, pb) + handshakes(nb, pa);
            System.out.println("handshakes before: a=" + handshakes(na, pb) + " b=" + handshakes(nb, pa));

            Process ping = new ProcessBuilder("timeout", "40", "ip", "netns", "exec", a, "ping", "-n", "-q", "-i",
                    "0.01", "-c", "600", "-W", "5", "10.69.0.2").redirectErrorStream(true).start();
            Process pingBack = new ProcessBuilder("timeout", "40", "ip", "netns", "exec", b, "ping", "-n", "-q", "-i",
                    "0.01", "-c", "600", "-W", "5", "10.69.0.1").redirectErrorStream(true).start();
            long bytes = 6L << 20;
            Process server = lab.tcpServer(b, "10.69.0.2", 9400, 60);
            Process client = lab.tcpClient(a, "10.69.0.2", 9400, bytes, 1L << 20, 50);
            Thread.sleep(700);
            int handovers = 5;
            for (int i = 0; i < handovers; i++) {
                na.command("handover");
                int n = i + 1;
                lab.await("handover " + n, 10, () -> GAP.matcher(na.log()).results().count() >= n);
                Thread.sleep(900);
            }
            assertTrue("ping a->b ended", ping.waitFor(30, TimeUnit.SECONDS));
            assertTrue("ping b->a ended", pingBack.waitFor(30, TimeUnit.SECONDS));
            String out = new String(ping.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            String back = new String(pingBack.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            String[] tcp = NetLab.finish(client, server, 45);

            List<Long> gaps = GAP.matcher(na.log()).results().map(m -> Long.parseLong(m.group(1))).toList();
            System.out.printf("handover gaps (us): %s%nping a->b: %s%nping b->a: %s%n", gaps, summary(out), summary(back));
            assertEquals("handovers done", handovers, gaps.size());
            assertNoLoss("a->b", out, lab);
            assertNoLoss("b->a", back, lab);
            assertTrue("stream completed: " + tcp[0] + " / " + tcp[1] + "\n" + lab.dump(), tcp[0].startsWith(bytes + " "));
            assertEquals("bytes and SHA-256 across handovers", tcp[0], tcp[1]);
            assertEquals("the TAP is the same interface (adopted, not recreated)", ifindexBefore, ifindex(a));
            assertEquals("no authentication failure", 0, na.drops("BAD_MAC") + nb.drops("BAD_MAC"));
            assertEquals("no packet under unknown keys", 0, na.drops("STALE_KEY") + nb.drops("STALE_KEY"));
            System.out.println("handshakes after: a=" + handshakes(na, pb) + " b=" + handshakes(nb, pa));
            if (noHandshake) {
                assertEquals("sessions carried over: no handshake needed", handshakesBefore,
                        handshakes(na, pb) + handshakes(nb, pa));
            }
            assertEquals("still DIRECT", "DIRECT", na.member(pb).get("path"));
        }
    }

    private static void assertNoLoss(String what, String out, NetLab lab) {
        Matcher m = PING.matcher(out);
        assertTrue(what + ": " + out, m.find());
        assertEquals(what + " transmitted", "600", m.group(1));
        assertEquals(what + ": every ping answered across the handovers: " + out + "\n" + lab.dump(), m.group(1),
                m.group(2));
    }

    private static String summary(String ping) {
        return ping.lines().filter(l -> l.contains("packets transmitted") || l.startsWith("rtt")).reduce("",
                (x, y) -> x + y + "; ");
    }

    private static String ifindex(String ns) throws Exception {
        return NetLab.sh("ip -n " + ns + " -o link show pvn0", 10).split(":")[0].trim();
    }

    private static long handshakes(NetLab.Node n, NetLab.Peer other) throws Exception {
        return Long.parseLong(n.member(other).get("handshakes"));
    }
}
