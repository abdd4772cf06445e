package io.peeros.vpn.internal.node;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.Test;

/**
 * Two swarms over one socket per node: a and b are in s1 and s2 (TAPs pvn0, pvn1), c only in s2. Both swarms
 * carry traffic; each swarm lists only its own members; broadcasts in s1 never reach c's TAP.
 */
public class TwoSwarmsTest {

    @Test
    public void swarmsShareTheSocketAndStayApart() throws Exception {
        try (NetLab lab = new NetLab()) {
            NetLab.Peer pa = new NetLab.Peer("a");
            NetLab.Peer pb = new NetLab.Peer("b");
            NetLab.Peer pc = new NetLab.Peer("c");
            String a = lab.ns("a");
            String b = lab.ns("b");
            String c = lab.ns("c");
            lab.bridge(List.of(a, b, c), "10.68.0");
            for (String n : new String[] {a, b, c}) {
                NetLab.sh("ip netns exec " + n + " sysctl -qw net.ipv6.conf.all.disable_ipv6=1 "
                        + "net.ipv6.conf.default.disable_ipv6=1 net.ipv4.icmp_echo_ignore_broadcasts=0", 10);
            }
            NetLab.Node na = lab.start(pa, a, "10.69.1.1/24", List.of(pa, pb),
                    NetLab.hints(pb, "10.68.0.2:7946", pc, "10.68.0.3:7946"), second(pa, "10.69.2.1/24", pa, pb, pc));
            NetLab.Node nb = lab.start(pb, b, "10.69.1.2/24", List.of(pa, pb),
                    NetLab.hints(pa, "10.68.0.1:7946", pc, "10.68.0.3:7946"), second(pb, "10.69.2.2/24", pa, pb, pc));
            Map<String, String> onlyS2 = new HashMap<>(Map.of("swarm", "s2", "tap", "pvn1"));
            NetLab.Node nc = lab.start(pc, c, "10.69.2.3/24", List.of(pa, pb, pc),
                    NetLab.hints(pa, "10.68.0.1:7946", pb, "10.68.0.2:7946"), onlyS2);
            NetLab.sh("ip netns exec " + a + " ping -c 1 -w 15 10.69.1.2", 20);
            NetLab.sh("ip netns exec " + a + " ping -c 1 -w 15 10.69.2.2", 20);
            NetLab.sh("ip netns exec " + a + " ping -c 1 -w 15 10.69.2.3", 20);
            NetLab.sh("ip netns exec " + c + " ping -c 3 -i 0.2 -W 3 10.69.2.2", 20);
            NetLab.sh("ip netns exec " + b + " ping -c 3 -i 0.2 -W 3 10.69.1.1", 20);
            for (String n : new String[] {a, b}) {
                String sockets = NetLab.sh("ip netns exec " + n + " ss -Huan", 5);
                assertEquals("one UDP socket for both swarms in " + n + ": " + sockets, 1,
                        sockets.lines().filter(l -> !l.isBlank()).count());
                assertTrue(sockets, sockets.contains(":7946"));
            }
            // membership per swarm: s1 of a lists b only; s2 (status .2) lists b and c
            assertTrue("a's s1 lists b", !na.member(pb).isEmpty());
            assertTrue("a's s1 does not list c", na.member(pc).isEmpty());
            String s2 = java.nio.file.Files.readString(na.status.resolveSibling(na.status.getFileName() + ".2"));
            assertTrue("a's s2 lists b and c: " + s2, s2.contains("member " + pb.id) && s2.contains("member " + pc.id));
            // broadcasts in s1 stay in s1
            long before = rx(c);
            String bcast = NetLab.sh("ip netns exec " + a + " ping -b -c 5 -i 0.2 -W 2 10.69.1.255 2>&1 || true", 20);
            assertTrue("b answers in s1: " + bcast, bcast.contains("from 10.69.1.2"));
            assertEquals("nothing of s1 reached c's TAP", before, rx(c));
            assertTrue(nc.process.isAlive());

            // leaving s2 removes its TAP and its thread; s1 keeps working
            na.command("threads");
            lab.await("thread list", 5, () -> na.log().contains("THREADS "));
            assertTrue(na.log(), na.log().contains("vpn-tap-pvn1"));
            na.command("leave s2");
            lab.await("a left s2", 10, () -> na.log().contains("OK leave true"));
            assertTrue("pvn1 deleted", NetLab.code("ip -n " + a + " link show pvn1", 5) != 0);
            na.command("threads");
            lab.await("second thread list", 5, () -> na.log().lines().filter(l -> l.startsWith("THREADS ")).count() == 2);
            String threads = na.log().lines().filter(l -> l.startsWith("THREADS ")).reduce((x, y) -> y).orElse("");
            assertTrue("the TAP thread of s2 stopped: " + threads, !threads.contains("vpn-tap-pvn1")
                    && threads.contains("vpn-tap-pvn0") && threads.contains("vpn-rx") && threads.contains("vpn-control"));
            NetLab.sh("ip netns exec " + a + " ping -c 3 -i 0.2 -W 3 10.69.1.2", 20);
            assertTrue("c no longer reaches a in s2", NetLab.code("ip netns exec " + c + " ping -c 2 -W 1 10.69.2.1", 10) != 0);
        }
    }

    private static long rx(String ns) throws Exception {
        return Long.parseLong(NetLab.sh("ip netns exec " + ns + " cat /sys/class/net/pvn1/statistics/rx_packets", 5).strip());
    }

    private static Map<String, String> second(NetLab.Peer self, String cidr, NetLab.Peer... members) throws Exception {
        Map<String, String> m = new HashMap<>();
        m.put("swarm2", "s2");
        m.put("tap2", "pvn1");
        m.put("tap2.address", cidr);
        for (int i = 0; i < members.length; i++) {
            m.put("member2." + i, members[i].cert64());
        }
        return m;
    }
}
