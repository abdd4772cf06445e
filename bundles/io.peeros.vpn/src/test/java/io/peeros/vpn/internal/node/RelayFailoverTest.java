package io.peeros.vpn.internal.node;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.Test;

/**
 * Three hosts on one bridge; UDP between a and c is then dropped by nftables in a's namespace: a and c must
 * switch to RELAYED through b, and back to DIRECT once the rule is gone, while one TCP connection from a to c
 * keeps streaming across both switches and its bytes arrive intact (SHA-256).
 */
public class RelayFailoverTest {

    static final Map<String, String> FAST = Map.of("keepalive.ms", "500", "pathTimeout.ms", "2000",
            "endpoints.ms", "1000");

    @Test
    public void relayWhileBlockedDirectAgainAfterwardsTcpSurvives() throws Exception {
        try (NetLab lab = new NetLab()) {
            NetLab.Peer pa = new NetLab.Peer("a");
            NetLab.Peer pb = new NetLab.Peer("b");
            NetLab.Peer pc = new NetLab.Peer("c");
            List<NetLab.Peer> all = List.of(pa, pb, pc);
            String a = lab.ns("a");
            String b = lab.ns("b");
            String c = lab.ns("c");
            lab.bridge(List.of(a, b, c), "10.62.0");
            NetLab.Node na = lab.start(pa, a, "10.63.0.1/24", all,
                    NetLab.hints(pb, "10.62.0.2:7946", pc, "10.62.0.3:7946"), FAST);
            NetLab.Node nb = lab.start(pb, b, "10.63.0.2/24", all,
                    NetLab.hints(pa, "10.62.0.1:7946", pc, "10.62.0.3:7946"), FAST);
            NetLab.Node nc = lab.start(pc, c, "10.63.0.3/24", all,
                    NetLab.hints(pa, "10.62.0.1:7946", pb, "10.62.0.2:7946"), FAST);
            NetLab.sh("ip netns exec " + a + " ping -c 1 -w 15 10.63.0.3", 20);
            lab.await("a-c DIRECT", 10, () -> "DIRECT".equals(na.member(pc).get("path"))
                    && "DIRECT".equals(nc.member(pa).get("path")));

            // 24 MiB at 1 MiB/s: the connection lives through the block and the unblock
            long bytes = 24L << 20;
            Process server = lab.tcpServer(c, "10.63.0.3", 9200, 120);
            Process client = lab.tcpClient(a, "10.63.0.3", 9200, bytes, 1L << 20, 110);
            Thread.sleep(3000);
            long relayedBefore = Long.parseLong(nb.counters().get("relayed"));

            NetLab.sh("ip netns exec " + a + " nft 'add table inet pvnblock; add chain inet pvnblock in "
                    + "{ type filter hook input priority 0; }; add chain inet pvnblock out "
                    + "{ type filter hook output priority 0; }; add rule inet pvnblock in ip saddr 10.62.0.3 udp dport 7946 drop; "
                    + "add rule inet pvnblock out ip daddr 10.62.0.3 udp dport 7946 drop'", 10);
            long blocked = System.nanoTime();
            lab.await("a reaches c RELAYED through b", 20, () -> "RELAYED".equals(na.member(pc).get("path"))
                    && pb.id.equals(na.member(pc).get("relay")));
            lab.await("c reaches a RELAYED through b", 20, () -> "RELAYED".equals(nc.member(pa).get("path"))
                    && pb.id.equals(nc.member(pa).get("relay")));
            System.out.printf("relay failover: RELAYED both ways %d ms after the block%n", (System.nanoTime() - blocked) / 1_000_000);
            long atSwitch = Long.parseLong(nb.counters().get("relayed"));
            lab.await("b relays the stream", 20, () -> Long.parseLong(nb.counters().get("relayed")) > atSwitch + 500);
            NetLab.sh("ip netns exec " + a + " ping -c 3 -i 0.3 -W 3 10.63.0.3", 20);
            assertTrue("b relayed nothing before the block", relayedBefore < 100);

            Thread.sleep(3000);
            NetLab.sh("ip netns exec " + a + " nft delete table inet pvnblock", 10);
            long unblocked = System.nanoTime();
            lab.await("a-c DIRECT again", 20, () -> "DIRECT".equals(na.member(pc).get("path"))
                    && "DIRECT".equals(nc.member(pa).get("path")));
            System.out.printf("relay failover: DIRECT both ways %d ms after the unblock%n", (System.nanoTime() - unblocked) / 1_000_000);
            // Datagrams already queued at b when the path switched are still relayed; after that b must fall
            // silent while the stream goes on (under load the queue can take a moment to drain).
            long[] last = {Long.parseLong(nb.counters().get("relayed"))};
            lab.await("b idle once direct again", 15, () -> {
                Thread.sleep(1000);
                long now = Long.parseLong(nb.counters().get("relayed"));
                boolean idle = now - last[0] < 10;
                last[0] = now;
                return idle;
            });

            String[] out = NetLab.finish(client, server, 100);
            assertTrue("stream completed: " + out[0] + " / " + out[1] + "\n" + lab.dump(), out[0].startsWith(bytes + " "));
            assertEquals("bytes and SHA-256 across both switches", out[0], out[1]);
        }
    }
}
