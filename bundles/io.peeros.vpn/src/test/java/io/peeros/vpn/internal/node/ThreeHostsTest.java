package io.peeros.vpn.internal.node;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.Test;

/**
 * Three hosts on one bridge, one {@link VpnNode} process each, swarm of three: every pair pings across the TAPs,
 * a 32 MiB TCP transfer per pair arrives intact (SHA-256), a broadcast ping is answered by both others, ARP
 * resolves across peers, every path is DIRECT, and a node closes in under a second and removes its TAP.
 */
public class ThreeHostsTest {

    @Test
    public void pingTransferBroadcastArpAndClose() throws Exception {
        try (NetLab lab = new NetLab()) {
            NetLab.Peer pa = new NetLab.Peer("a");
            NetLab.Peer pb = new NetLab.Peer("b");
            NetLab.Peer pc = new NetLab.Peer("c");
            List<NetLab.Peer> all = List.of(pa, pb, pc);
            String a = lab.ns("a");
            String b = lab.ns("b");
            String c = lab.ns("c");
            lab.bridge(List.of(a, b, c), "10.60.0");
            Map<String, String> none = Map.of();
            NetLab.Node na = lab.start(pa, a, "10.61.0.1/24", all,
                    NetLab.hints(pb, "10.60.0.2:7946", pc, "10.60.0.3:7946"), none);
            NetLab.Node nb = lab.start(pb, b, "10.61.0.2/24", all,
                    NetLab.hints(pa, "10.60.0.1:7946", pc, "10.60.0.3:7946"), none);
            NetLab.Node nc = lab.start(pc, c, "10.61.0.3/24", all,
                    NetLab.hints(pa, "10.60.0.1:7946", pb, "10.60.0.2:7946"), none);
            String[] ns = {a, b, c};
            for (int i = 0; i < 3; i++) {
                for (int j = 0; j < 3; j++) {
                    if (i != j) {
                        NetLab.sh("ip netns exec " + ns[i] + " ping -c 1 -w 15 10.61.0." + (j + 1), 20);
                        NetLab.sh("ip netns exec " + ns[i] + " ping -c 3 -i 0.2 -W 3 10.61.0." + (j + 1), 20);
                    }
                }
            }
            NetLab.Node[] nodes = {na, nb, nc};
            NetLab.Peer[] peers = {pa, pb, pc};
            for (int i = 0; i < 3; i++) {
                for (int j = 0; j < 3; j++) {
                    if (i != j) {
                        NetLab.Node n = nodes[i];
                        NetLab.Peer other = peers[j];
                        lab.await(peers[i].name + " sees " + other.name + " DIRECT", 10,
                                () -> "DIRECT".equals(n.member(other).get("path")));
                        assertEquals("10.60.0." + (j + 1) + ":7946", n.member(other).get("endpoint"));
                    }
                }
            }
            // 32 MiB per pair, each direction of the ring, checked end to end
            for (int i = 0; i < 3; i++) {
                int j = (i + 1) % 3;
                Process server = lab.tcpServer(ns[j], "10.61.0." + (j + 1), 9100 + i, 90);
                Process client = lab.tcpClient(ns[i], "10.61.0." + (j + 1), 9100 + i, 32L << 20, 0, 80);
                String[] out = NetLab.finish(client, server, 85);
                assertTrue("transfer " + i + "->" + j + ": " + out[0] + "\n" + lab.dump(), out[0].startsWith("33554432 "));
                assertEquals("bytes and SHA-256 " + i + "->" + j, out[0], out[1]);
            }
            // broadcast: both others answer a ping to the TAP subnet's broadcast address
            for (String n : new String[] {b, c}) {
                NetLab.sh("ip netns exec " + n + " sysctl -qw net.ipv4.icmp_echo_ignore_broadcasts=0", 10);
            }
            String bcast = NetLab.sh("ip netns exec " + a + " ping -b -c 4 -i 0.3 -W 2 10.61.0.255 2>&1 || true", 20);
            assertTrue("reply from b to a broadcast: " + bcast, bcast.contains("from 10.61.0.2"));
            assertTrue("reply from c to a broadcast: " + bcast, bcast.contains("from 10.61.0.3"));
            // ARP across peers: flush, resolve again, and the neighbour entry holds the peer's TAP MAC
            NetLab.sh("ip -n " + a + " neigh flush dev pvn0", 10);
            NetLab.sh("ip netns exec " + a + " ping -c 1 -W 3 10.61.0.3", 10);
            String cMac = NetLab.sh("ip -n " + c + " -br link show pvn0", 10).trim().split("\\s+")[2];
            String neigh = NetLab.sh("ip -n " + a + " neigh show 10.61.0.3 dev pvn0", 10);
            assertTrue("ARP resolved c's TAP MAC " + cMac + ": " + neigh, neigh.contains(cMac));
            if (NetLab.code("command -v arping", 5) == 0) {
                String arp = NetLab.sh("ip netns exec " + b + " arping -c 2 -w 5 -I pvn0 10.61.0.1", 10);
                assertTrue("arping b -> a: " + arp, arp.toLowerCase().contains(NetLab.sh("ip -n " + a
                        + " -br link show pvn0", 10).trim().split("\\s+")[2].toLowerCase()));
            }
            // every thread stops and the TAP goes away within a second
            String log = lab.stop(nc);
            String closed = log.lines().filter(l -> l.startsWith("CLOSED in ")).findFirst().orElse("none");
            assertTrue("close time: " + closed, closed.startsWith("CLOSED in ")
                    && Long.parseLong(closed.split(" ")[2]) < 1000);
            assertTrue("TAP removed", NetLab.code("ip -n " + c + " link show pvn0", 5) != 0);
        }
    }
}
