package io.peeros.vpn.internal.crypto;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import io.peeros.vpn.api.DropCause;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.Test;

/**
 * The session state a live handover carries from one {@link SwarmCrypto} to a fresh one (as the node does when
 * the bundle is updated): send counters continue, replay windows are kept, packets sealed before the handover
 * open after it and a replayed one is still refused, a handshake waiting for its response completes in the
 * successor, the old instance can no longer send, and wiping the snapshot zeroes every secret in it.
 */
public class HandoverStateTest {

    private final Network net = new Network();
    private final CryptoConfig config = CryptoConfig.defaults();
    private final TestPeer alice = TestPeer.create();
    private final TestPeer bob = TestPeer.create();

    @Test
    public void countersContinueAndTheReplayWindowIsKept() {
        Network.Node a = net.node(alice, config, alice, bob);
        Network.Node b = net.node(bob, config, alice, bob);
        net.connect(a, b);
        List<byte[]> early = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            early.add(seal(a, b, "before " + i));
        }
        net.deliver(a, b, early.get(0).clone());
        net.deliver(a, b, early.get(2).clone());
        long lastCounter = counter(early.get(4));

        SwarmCrypto oldA = a.crypto;
        PeerSession oldSession = oldA.peer(bob.peerId());
        handOver(a, alice);
        handOver(b, bob);

        assertEquals("sealed before, opened after", Received.Outcome.DELIVERED, net.deliver(a, b, early.get(1).clone()));
        assertEquals("replayed after the handover", Received.Outcome.DROPPED, net.deliver(a, b, early.get(0).clone()));
        assertEquals(1, b.crypto.drops().get(DropCause.REPLAY));
        byte[] later = seal(a, b, "after");
        assertEquals("the send counter continues", lastCounter + 1, counter(later));
        assertEquals(Received.Outcome.DELIVERED, net.deliver(a, b, later));
        assertEquals(Received.Outcome.DELIVERED, net.deliver(b, a, seal(b, a, "back")));
        assertEquals(Received.Outcome.DELIVERED, net.deliver(a, b, early.get(3).clone()));
        assertEquals(Received.Outcome.DELIVERED, net.deliver(a, b, early.get(4).clone()));
        assertEquals(6, b.delivered.size());
        ByteBuffer out = ByteBuffer.allocate(256);
        assertEquals("the predecessor's keys are gone", SwarmCrypto.SealStatus.NO_SESSION,
                oldA.seal(oldSession, ByteBuffer.wrap(new byte[10]), out));
        assertEquals("one handshake, before the handover", 1, a.crypto.peer(bob.peerId()).handshakes());
    }

    @Test
    public void aHandshakeWaitingForItsResponseCompletesInTheSuccessor() {
        Network.Node a = net.node(alice, config, alice, bob);
        Network.Node b = net.node(bob, config, alice, bob);
        ByteBuffer init = ByteBuffer.allocate(64);
        assertTrue(a.crypto.initiate(a.crypto.peer(bob.peerId()), init));
        net.send(a, b, init.flip());

        handOver(a, alice);
        net.drain(false);

        assertTrue("keys agreed through the restored initiation", a.crypto.peer(bob.peerId()).hasSession());
        assertEquals(Received.Outcome.DELIVERED, net.deliver(a, b, seal(a, b, "first")));
        assertEquals(0, a.crypto.drops().get(DropCause.STALE_KEY));
    }

    @Test
    public void wipingTheSnapshotZeroesEverySecret() {
        Network.Node a = net.node(alice, config, alice, bob);
        Network.Node b = net.node(bob, config, alice, bob);
        net.connect(a, b);
        Map<String, Object> state = a.crypto.export();
        List<byte[]> secrets = new ArrayList<>();
        collect(state, secrets);
        assertFalse(secrets.isEmpty());
        assertTrue("keys are in the snapshot", secrets.stream().anyMatch(s -> !allZero(s)));
        StateMap.wipe(state);
        assertTrue("all zero after the wipe", secrets.stream().allMatch(HandoverStateTest::allZero));
    }

    @Test
    public void anotherCipherSuiteRestoresNothing() {
        Network.Node a = net.node(alice, config, alice, bob);
        Network.Node b = net.node(bob, config, alice, bob);
        net.connect(a, b);
        SwarmCrypto other = new SwarmCrypto(Network.SWARM, alice, Network.members(alice, bob),
                CryptoConfig.defaults(CipherSuite.CHACHA20_POLY1305), net.clock, new SecureRandom());
        assertEquals(0, other.restore(a.crypto.export()));
        assertFalse(other.peer(bob.peerId()).hasSession());
    }

    /** What the node does: export, close the old instance, restore into a fresh one, wipe. */
    private void handOver(Network.Node n, TestPeer self) {
        Map<String, Object> state = n.crypto.export();
        n.crypto.close();
        SwarmCrypto next = new SwarmCrypto(Network.SWARM, self, Network.members(alice, bob), config, net.clock,
                new SecureRandom());
        assertEquals(1, next.restore(state));
        StateMap.wipe(state);
        n.crypto = next;
    }

    private static byte[] seal(Network.Node from, Network.Node to, String frame) {
        ByteBuffer out = ByteBuffer.allocate(2048);
        assertNotNull(from.crypto.peer(to.id()));
        SwarmCrypto.SealStatus st = from.crypto.seal(from.crypto.peer(to.id()), ByteBuffer.wrap(HandshakeTest.bytes(frame)), out);
        assertTrue(st != SwarmCrypto.SealStatus.NO_SESSION);
        out.flip();
        byte[] packet = new byte[out.remaining()];
        out.get(packet);
        return packet;
    }

    private static long counter(byte[] packet) {
        return ByteBuffer.wrap(packet).getLong(WireFormat.ROUTED_HEADER);
    }

    private static void collect(Object v, List<byte[]> out) {
        if (v instanceof byte[] b) {
            out.add(b);
        } else if (v instanceof Map<?, ?> m) {
            m.values().forEach(x -> collect(x, out));
        } else if (v instanceof List<?> l) {
            l.forEach(x -> collect(x, out));
        }
    }

    private static boolean allZero(byte[] b) {
        for (byte x : b) {
            if (x != 0) {
                return false;
            }
        }
        return true;
    }
}
