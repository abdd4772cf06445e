package io.peeros.vpn.internal.node;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.Test;

/**
 * The answering host's receive thread sends what the kernel queued on the TAP while it wrote there (a ping
 * reply, a TCP ACK) instead of leaving it for the TAP thread's wake-up ({@code TapReader.drainIfIdle}). Two
 * hosts in namespaces: 50 pings all answered with some replies sent by b's receive thread (counter
 * {@code tapReadsByReceiver}), and a TCP stream a→b (b's ACKs taken either way) arrives intact.
 */
public class ReplyPathTest {

    @Test
    public void theReceiveThreadSendsRepliesAndTrafficStaysIntact() throws Exception {
        try (NetLab lab = new NetLab()) {
            NetLab.Peer pa = new NetLab.Peer("a");
            NetLab.Peer pb = new NetLab.Peer("b");
            String a = lab.ns("a");
            String b = lab.ns("b");
            lab.bridge(List.of(a, b), "10.76.0");
            lab.start(pa, a, "10.77.0.1/24", List.of(pa, pb), NetLab.hints(pb, "10.76.0.2:7946"), Map.of());
            NetLab.Node nb = lab.start(pb, b, "10.77.0.2/24", List.of(pa, pb), NetLab.hints(pa, "10.76.0.1:7946"), Map.of());
            NetLab.sh("ip netns exec " + a + " ping -c 1 -w 15 10.77.0.2", 20);
            long before = Long.parseLong(nb.counters().getOrDefault("tapReadsByReceiver", "0"));
            String out = NetLab.sh("ip netns exec " + a + " ping -n -q -c 50 -i 0.02 -W 2 10.77.0.2", 20);
            assertTrue("every ping answered: " + out, out.contains("50 packets transmitted, 50 received"));
            lab.await("status written", 5, () -> Long.parseLong(nb.counters().getOrDefault("tapReadsByReceiver", "0")) > before);
            Thread.sleep(600); // the status file is rewritten every 250 ms
            System.out.println("of 50 replies, b's receive thread sent "
                    + (Long.parseLong(nb.counters().get("tapReadsByReceiver")) - before));
            long bytes = 4L << 20;
            Process server = lab.tcpServer(b, "10.77.0.2", 9401, 40);
            Process client = lab.tcpClient(a, "10.77.0.2", 9401, bytes, 0, 30);
            String[] tcp = NetLab.finish(client, server, 35);
            assertTrue("stream completed: " + tcp[0] + " / " + tcp[1] + "\n" + lab.dump(), tcp[0].startsWith(bytes + " "));
            assertEquals("bytes and SHA-256", tcp[0], tcp[1]);
            System.out.println("b's receive thread sent " + nb.counters().get("tapReadsByReceiver") + " TAP frames");
        }
    }
}
