package io.peeros.vpn.internal.node;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.List;
import org.junit.Test;

/**
 * Hole punching through two Linux NATs: hosts a and c each sit behind their own namespace doing MASQUERADE
 * (iptables when installed, else nftables); b is public. The three networks meet at an "internet" router
 * namespace. a and c only know b's address; b introduces them to each other and they must end up DIRECT,
 * with each other's NAT public address as endpoint, and ping across the TAPs.
 */
public class NatPunchTest {

    @Test
    public void natedMembersPunchThroughToDirect() throws Exception {
        try (NetLab lab = new NetLab()) {
            NetLab.Peer pa = new NetLab.Peer("a");
            NetLab.Peer pb = new NetLab.Peer("b");
            NetLab.Peer pc = new NetLab.Peer("c");
            List<NetLab.Peer> all = List.of(pa, pb, pc);
            String inet = lab.ns("in");
            String natA = lab.ns("na");
            String natC = lab.ns("nc");
            String a = lab.ns("a");
            String b = lab.ns("b");
            String c = lab.ns("c");
            lab.link(inet, "ra", "198.18.1.1/24", natA, "wan", "198.18.1.2/24");
            lab.link(inet, "rc", "198.18.2.1/24", natC, "wan", "198.18.2.2/24");
            lab.link(inet, "rb", "198.18.3.1/24", b, "eth0", "198.18.3.2/24");
            lab.link(natA, "lan", "10.71.1.1/24", a, "eth0", "10.71.1.2/24");
            lab.link(natC, "lan", "10.71.2.1/24", c, "eth0", "10.71.2.2/24");
            NetLab.sh("ip netns exec " + inet + " sysctl -qw net.ipv4.ip_forward=1", 10);
            NetLab.sh("ip -n " + b + " route add default via 198.18.3.1", 10);
            boolean iptables = NetLab.code("command -v iptables", 5) == 0;
            for (String[] n : new String[][] {{natA, "198.18.1.1", a, "10.71.1.1"}, {natC, "198.18.2.1", c, "10.71.2.1"}}) {
                NetLab.sh("ip netns exec " + n[0] + " sysctl -qw net.ipv4.ip_forward=1 && ip -n " + n[0]
                        + " route add default via " + n[1] + " && ip -n " + n[2] + " route add default via " + n[3], 10);
                NetLab.sh(iptables ? "ip netns exec " + n[0] + " iptables -t nat -A POSTROUTING -o wan -j MASQUERADE"
                        : "ip netns exec " + n[0] + " nft 'add table ip nat; add chain ip nat post { type nat hook "
                                + "postrouting priority 100; }; add rule ip nat post oifname wan masquerade'", 10);
            }
            NetLab.Node na = lab.start(pa, a, "10.73.0.1/24", all, NetLab.hints(pb, "198.18.3.2:7946"),
                    RelayFailoverTest.FAST);
            NetLab.Node nb = lab.start(pb, b, "10.73.0.2/24", all, NetLab.hints(), RelayFailoverTest.FAST);
            NetLab.Node nc = lab.start(pc, c, "10.73.0.3/24", all, NetLab.hints(pb, "198.18.3.2:7946"),
                    RelayFailoverTest.FAST);
            lab.await("a and c reach b", 20, () -> "DIRECT".equals(na.member(pb).get("path"))
                    && "DIRECT".equals(nc.member(pb).get("path")));
            assertTrue("b sees a behind its NAT: " + nb.member(pa), nb.member(pa).get("endpoint").startsWith("198.18.1.2:"));
            long started = System.nanoTime();
            lab.await("a and c DIRECT to each other", 40, () -> "DIRECT".equals(na.member(pc).get("path"))
                    && "DIRECT".equals(nc.member(pa).get("path")));
            System.out.printf("NAT punch: a and c DIRECT %d ms after both reached b%n", (System.nanoTime() - started) / 1_000_000);
            assertTrue("a reaches c at c's NAT: " + na.member(pc), na.member(pc).get("endpoint").startsWith("198.18.2.2:"));
            assertTrue("c reaches a at a's NAT: " + nc.member(pa), nc.member(pa).get("endpoint").startsWith("198.18.1.2:"));
            NetLab.sh("ip netns exec " + a + " ping -c 3 -i 0.3 -W 3 10.73.0.3", 20);
            NetLab.sh("ip netns exec " + c + " ping -c 3 -i 0.3 -W 3 10.73.0.1", 20);
            // the pings went straight through the punched NATs, not through b
            long relayed = Long.parseLong(nb.counters().get("relayed"));
            NetLab.sh("ip netns exec " + a + " ping -c 20 -i 0.05 -W 3 10.73.0.3", 20);
            assertEquals("b relayed nothing once a and c are direct", relayed,
                    Long.parseLong(nb.counters().get("relayed")), 5);
            assertEquals("still DIRECT", "DIRECT", na.member(pc).get("path"));
        }
    }
}
