package io.peeros.vpn.internal.crypto;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import io.peeros.vpn.api.DropCause;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import org.junit.Test;

public class HandshakeTest {

    private final Network net = new Network();
    private final CryptoConfig config = CryptoConfig.defaults(CipherSuite.CHACHA20_POLY1305);
    private final TestPeer alice = TestPeer.create();
    private final TestPeer bob = TestPeer.create();
    private final TestPeer carol = TestPeer.create();

    @Test
    public void membersAgreeKeysAndExchangeFramesBothWays() {
        for (CipherSuite suite : CipherSuite.values()) {
            Network.Node a = net.node(alice, config.withSuite(suite), alice, bob);
            Network.Node b = net.node(bob, config.withSuite(suite), alice, bob);

            net.connect(a, b);

            assertTrue(a.crypto.peer(bob.peerId()).hasSession());
            assertTrue(b.crypto.peer(alice.peerId()).hasSession());
            assertEquals(SwarmCrypto.SealStatus.SENT, net.sendFrame(a, b, bytes("ping")));
            assertEquals(SwarmCrypto.SealStatus.SENT, net.sendFrame(b, a, bytes("pong")));
            net.drain(false);
            assertArrayEquals(bytes("ping"), b.delivered.get(0));
            assertArrayEquals(bytes("pong"), a.delivered.get(0));
            assertEquals(0, a.crypto.drops().total() + b.crypto.drops().total());
        }
    }

    @Test
    public void peerOutsideTheMemberListIsRefused() {
        Network.Node a = net.node(alice, config, alice, bob);
        Network.Node c = net.node(carol, config, alice, carol);

        net.connect(c, a);

        assertEquals(1, a.crypto.drops().get(DropCause.NOT_MEMBER));
        assertEquals(null, a.crypto.peer(carol.peerId()));
        net.sendFrame(c, a, bytes("let me in"));
        net.drain(false);
        assertTrue(a.delivered.isEmpty());
        assertEquals(1, a.crypto.drops().get(DropCause.STALE_KEY));
    }

    @Test
    public void impostorClaimingAMembersIdIsRefused() {
        Network.Node a = net.node(alice, config, alice, bob);
        Network.Node impostor = net.node(carol.claiming(bob), config, alice, bob);

        net.connect(impostor, a);

        assertEquals(1, a.crypto.drops().get(DropCause.BAD_IDENTITY));
        assertFalse(a.crypto.peer(bob.peerId()).hasSession());
    }

    @Test
    public void initiatorRefusesAResponderOtherThanThePeerItCalled() {
        Network.Node a = net.node(alice, config, alice, bob, carol);
        Network.Node c = net.node(carol, config, alice, bob, carol);
        ByteBuffer init = ByteBuffer.allocate(64);
        a.crypto.initiate(a.crypto.peer(bob.peerId()), init);

        net.send(a, c, init.flip());
        net.drain(false);

        assertEquals(1, a.crypto.drops().get(DropCause.BAD_IDENTITY));
        assertFalse(a.crypto.peer(bob.peerId()).hasSession());
    }

    @Test
    public void tamperedHandshakeMessagesAreRefused() {
        for (int message = 0; message < 3; message++) {
            Network.Node a = net.node(alice, config, alice, bob);
            Network.Node b = net.node(bob, config, alice, bob);
            ByteBuffer init = ByteBuffer.allocate(64);
            a.crypto.initiate(a.crypto.peer(bob.peerId()), init);
            net.send(a, b, init.flip());
            for (int step = 0; !net.queue.isEmpty(); step++) {
                if (step == message) {
                    byte[] bytes = net.queue.get(0).bytes();
                    bytes[bytes.length - 20] ^= 0x40;
                }
                net.step();
            }
            assertFalse(a.crypto.peer(bob.peerId()).hasSession() && b.crypto.peer(alice.peerId()).hasSession());
            assertEquals(1, a.crypto.drops().get(DropCause.BAD_MAC) + b.crypto.drops().get(DropCause.BAD_MAC)
                    + a.crypto.drops().get(DropCause.MALFORMED) + b.crypto.drops().get(DropCause.MALFORMED));
        }
    }

    @Test
    public void handshakeForAnotherSwarmIsDropped() {
        Network.Node a = net.node(alice, config, alice, bob);
        SwarmCrypto other = new SwarmCrypto("another-env", bob, Network.members(alice, bob), config, net.clock,
                new SecureRandom());
        ByteBuffer init = ByteBuffer.allocate(64);
        other.initiate(other.peer(alice.peerId()), init);

        Received r = new Received();
        assertEquals(Received.Outcome.DROPPED, a.crypto.receive(init.flip(), ByteBuffer.allocate(512), r));
        assertEquals(DropCause.MALFORMED, r.cause());
    }

    @Test
    public void initiationsBeyondTheRateLimitAreDropped() {
        Network.Node a = net.node(alice, config, alice, bob);
        Network.Node b = net.node(bob, config, alice, bob);
        ByteBuffer init = ByteBuffer.allocate(64);
        b.crypto.initiate(b.crypto.peer(alice.peerId()), init);
        byte[] message = new byte[init.flip().remaining()];
        init.get(message);

        for (int i = 0; i < config.handshakesPerSecond() + 10; i++) {
            net.deliver(b, a, message.clone());
        }

        assertEquals(10, a.crypto.drops().get(DropCause.RATE_LIMITED));
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
