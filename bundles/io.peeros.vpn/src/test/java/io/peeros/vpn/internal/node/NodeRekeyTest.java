package io.peeros.vpn.internal.node;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.Test;

/**
 * Rekeying under load between two nodes whose keys are replaced every 2 s: a 16 MiB TCP stream paced over
 * about 16 s arrives intact (SHA-256) while the handshake counters grow by several rekeys.
 */
public class NodeRekeyTest {

    @Test
    public void tcpStreamSurvivesRepeatedRekeys() throws Exception {
        try (NetLab lab = new NetLab()) {
            NetLab.Peer pa = new NetLab.Peer("a");
            NetLab.Peer pb = new NetLab.Peer("b");
            String a = lab.ns("a");
            String b = lab.ns("b");
            lab.bridge(List.of(a, b), "10.66.0");
            Map<String, String> rekey = Map.of("rekey.ms", "2000");
            NetLab.Node na = lab.start(pa, a, "10.67.0.1/24", List.of(pa, pb), NetLab.hints(pb, "10.66.0.2:7946"), rekey);
            NetLab.Node nb = lab.start(pb, b, "10.67.0.2/24", List.of(pa, pb), NetLab.hints(pa, "10.66.0.1:7946"), rekey);
            NetLab.sh("ip netns exec " + a + " ping -c 1 -w 15 10.67.0.2", 20);
            long before = Long.parseLong(na.member(pb).get("handshakes")) + Long.parseLong(nb.member(pa).get("handshakes"));
            long bytes = 16L << 20;
            Process server = lab.tcpServer(b, "10.67.0.2", 9300, 90);
            Process client = lab.tcpClient(a, "10.67.0.2", 9300, bytes, 1L << 20, 80);
            String[] out = NetLab.finish(client, server, 85);
            assertTrue("stream completed: " + out[0] + " / " + out[1] + "\n" + lab.dump(), out[0].startsWith(bytes + " "));
            assertEquals("bytes and SHA-256 across rekeys", out[0], out[1]);
            long after = Long.parseLong(na.member(pb).get("handshakes")) + Long.parseLong(nb.member(pa).get("handshakes"));
            System.out.printf("rekey: %d handshakes (counted on both sides) during the stream%n", after - before);
            assertTrue("rekeyed at least 4 times during the stream: " + before + " -> " + after, after - before >= 8);
            assertEquals("no authentication failures", 0, na.drops("BAD_MAC") + nb.drops("BAD_MAC"));
        }
    }
}
