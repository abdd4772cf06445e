package io.peeros.vpn.internal.crypto;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;

import io.peeros.vpn.api.DropCause;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.Before;
import org.junit.Test;

public class TransportTest {

    private final Network net = new Network();
    private final CryptoConfig config = CryptoConfig.defaults(CipherSuite.CHACHA20_POLY1305);
    private final TestPeer alice = TestPeer.create();
    private final TestPeer bob = TestPeer.create();
    private Network.Node a;
    private Network.Node b;

    @Before
    public void connect() {
        a = net.node(alice, config, alice, bob);
        b = net.node(bob, config, alice, bob);
        net.connect(a, b);
        net.captured.clear();
    }

    @Test
    public void replayedPacketsAreDroppedAndCounted() {
        byte[] packet = seal(a, b, "once");

        assertEquals(Received.Outcome.DELIVERED, net.deliver(a, b, packet.clone()));
        for (int i = 0; i < 5; i++) {
            assertEquals(Received.Outcome.DROPPED, net.deliver(a, b, packet.clone()));
        }

        assertEquals(1, b.delivered.size());
        assertEquals(5, b.crypto.drops().get(DropCause.REPLAY));
    }

    @Test
    public void reorderedPacketsWithinTheWindowAreAcceptedOnce() {
        List<byte[]> packets = new ArrayList<>();
        for (int i = 0; i < 1500; i++) {
            packets.add(seal(a, b, "frame " + i));
        }
        Collections.shuffle(packets, net.random);

        packets.forEach(p -> net.deliver(a, b, p));
        packets.forEach(p -> net.deliver(a, b, p));

        assertEquals(1500, b.delivered.size());
        assertEquals(1500, b.crypto.drops().get(DropCause.REPLAY));
    }

    @Test
    public void packetsOlderThanTheWindowAreDropped() {
        byte[] old = seal(a, b, "old");
        List<byte[]> newer = new ArrayList<>();
        for (int i = 0; i < ReplayWindow.SIZE + 1; i++) {
            newer.add(seal(a, b, "new " + i));
        }
        newer.forEach(p -> net.deliver(a, b, p));

        assertEquals(Received.Outcome.DROPPED, net.deliver(a, b, old));
        assertEquals(DropCause.REPLAY, b.received.cause());
        assertEquals(newer.size(), b.delivered.size());
    }

    @Test
    public void everySingleBitFlipIsDropped() {
        byte[] packet = seal(a, b, "a frame of some length to corrupt, bit by bit");
        int delivered = 0;
        for (int bit = 0; bit < packet.length * 8; bit++) {
            byte[] corrupt = packet.clone();
            corrupt[bit / 8] ^= 1 << (bit % 8);
            if (net.deliver(a, b, corrupt) != Received.Outcome.DROPPED) {
                delivered++;
            }
        }
        assertEquals(0, delivered);
        assertEquals(packet.length * 8, b.crypto.drops().total());
        assertTrue(b.crypto.drops().get(DropCause.BAD_MAC) > 0);
        Received.Outcome o = net.deliver(a, b, packet);
        assertEquals(String.valueOf(b.received.cause()) + " " + b.crypto.drops().snapshot(), Received.Outcome.DELIVERED, o);
    }

    @Test
    public void passiveKeepaliveAnswersDataThatGotNoReply() {
        net.clock.advance(Duration.ofMillis(1));
        net.deliver(a, b, seal(a, b, "hello"));
        net.clock.advance(config.keepaliveTimeout());

        net.tick(a, b);
        assertEquals(1, net.queue.size());
        net.drain(false);

        assertEquals(Received.Outcome.KEEPALIVE, a.received.outcome());
    }

    @Test
    public void expiredKeysNeitherSendNorReceive() {
        byte[] packet = seal(a, b, "late");
        net.clock.advance(config.rejectAfterTime());

        assertEquals(Received.Outcome.DROPPED, net.deliver(a, b, packet));
        assertEquals(DropCause.STALE_KEY, b.received.cause());
        assertEquals(SwarmCrypto.SealStatus.NO_SESSION, a.crypto.seal(a.crypto.peer(bob.peerId()),
                ByteBuffer.wrap(new byte[10]), ByteBuffer.allocate(100)));
        net.tick(a, b);
        assertNotEquals(true, a.crypto.peer(bob.peerId()).hasSession());
    }

    @Test
    public void tickExpiresKeysAfterRejectTime() {
        net.clock.advance(config.rejectAfterTime().plus(Duration.ofSeconds(1)));
        net.tick(a, b);
        assertEquals(false, a.crypto.peer(bob.peerId()).hasSession());
        assertEquals(false, b.crypto.peer(alice.peerId()).hasSession());
    }

    private byte[] seal(Network.Node from, Network.Node to, String frame) {
        ByteBuffer out = ByteBuffer.allocate(2048);
        from.crypto.seal(from.crypto.peer(to.id()), ByteBuffer.wrap(HandshakeTest.bytes(frame)), out);
        out.flip();
        byte[] packet = new byte[out.remaining()];
        out.get(packet);
        return packet;
    }
}
