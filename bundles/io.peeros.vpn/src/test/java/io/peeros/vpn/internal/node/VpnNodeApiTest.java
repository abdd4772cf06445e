package io.peeros.vpn.internal.node;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;
import static org.junit.Assume.assumeTrue;

import io.peeros.vpn.api.VpnException;
import java.io.File;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.Test;

/**
 * The node's API without TAPs (in the test JVM, loopback only): errors with stable codes, no state left behind
 * by bad input, the derived MTU, and a prompt close.
 */
public class VpnNodeApiTest {

    private static NodeSettings loopback() {
        return NodeSettings.defaults().withBind(new InetSocketAddress("127.0.0.1", 0));
    }

    private static FileIdentity identity(NetLab.Peer p) throws Exception {
        return new FileIdentity(p.keys.getPrivate().getEncoded(), p.certificate);
    }

    @Test
    public void tapMtuLeavesRoomForTheRelayWrapping() {
        NodeSettings s = NodeSettings.defaults();
        assertEquals(1378, s.tapMtu());
        assertEquals(1500, 28 + 32 + 10 + 32 + 6 + 14 + s.tapMtu());
        assertEquals(1472, s.maxDatagram());
        try {
            new NodeSettings(s.bind(), 600, s.crypto(), s.keepalive(), s.pathTimeout(), s.endpointsInterval(), 2,
                    s.macAge(), s.socketBuffer());
            fail("an underlay MTU of 600 leaves no usable TAP MTU");
        } catch (IllegalArgumentException expected) {
            // expected
        }
    }

    @Test
    public void errorsHaveCodesAndLeaveNoState() throws Exception {
        assumeTrue(new File("/dev/net/tun").exists());
        NetLab.Peer a = new NetLab.Peer("a");
        NetLab.Peer b = new NetLab.Peer("b");
        try (VpnNode node = VpnNode.open(loopback(), identity(a), Clock.systemUTC(), new SecureRandom())) {
            int port = node.localAddress().getPort();
            assertTrue(port > 0);
            try (VpnNode second = VpnNode.open(NodeSettings.defaults().withBind(node.localAddress()), identity(b),
                    Clock.systemUTC(), new SecureRandom())) {
                fail("bound twice: " + second.localAddress());
            } catch (VpnException e) {
                assertEquals("PORT_IN_USE", e.code());
            }
            try {
                node.join("s1", "pvnapi0", Map.of(a.id, b.certificate));
                fail("a peer id that is not its certificate's");
            } catch (VpnException e) {
                assertEquals("MEMBER_INVALID", e.code());
            }
            assertTrue("no swarm after a refused join", node.swarms().isEmpty());
            assertTrue("no TAP after a refused join", NetLab.code("ip link show pvnapi0", 5) != 0);
            assertFalse(node.leave("s1"));
            assertTrue(node.swarm("s1").isEmpty());
            try {
                node.setMembers("s1", Map.of());
                fail("setMembers on a swarm not joined");
            } catch (VpnException e) {
                assertEquals("SWARM_UNKNOWN", e.code());
            }
            node.setEndpointHints(b.id, List.of(new InetSocketAddress("127.0.0.1", 1)));
            node.setEndpointHints(b.id, List.of());
            long t0 = System.nanoTime();
            node.close();
            assertTrue("close within a second", System.nanoTime() - t0 < 1_000_000_000L);
            node.close();
            assertTrue("no vpn thread left", Thread.getAllStackTraces().keySet().stream()
                    .noneMatch(t -> t.getName().startsWith("vpn-")));
        }
    }
}
