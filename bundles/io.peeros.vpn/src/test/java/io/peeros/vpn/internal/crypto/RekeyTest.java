package io.peeros.vpn.internal.crypto;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.junit.Test;

/** Rekeying replaces keys under a running stream in both directions without losing a single frame. */
public class RekeyTest {

    private final Network net = new Network();
    private final TestPeer alice = TestPeer.create();
    private final TestPeer bob = TestPeer.create();

    @Test
    public void rekeyByTimeLosesNothing() {
        CryptoConfig config = CryptoConfig.defaults(CipherSuite.CHACHA20_POLY1305);
        Network.Node a = net.node(alice, config, alice, bob);
        Network.Node b = net.node(bob, config, alice, bob);
        net.connect(a, b);

        stream(a, b, 1000, 2, Duration.ofSeconds(1), 1400);

        // 500 s of traffic with a 120 s rekey interval.
        assertTrue(a.crypto.peer(bob.peerId()).handshakes() >= 4);
    }

    @Test
    public void rekeyByVolumeLosesNothing() {
        CryptoConfig config = CryptoConfig.defaults(CipherSuite.AES_256_GCM).withRekeyAfterBytes(64 * 1024, 512 * 1024);
        Network.Node a = net.node(alice, config, alice, bob);
        Network.Node b = net.node(bob, config, alice, bob);
        net.connect(a, b);

        stream(a, b, 2000, 20, Duration.ZERO, 1400);

        // 2.8 MB each way, a new key every 64 KiB sent by either side.
        assertTrue(a.crypto.peer(bob.peerId()).handshakes() >= 40);
    }

    @Test
    public void rekeyByMessageCountLosesNothing() {
        CryptoConfig config = CryptoConfig.defaults(CipherSuite.CHACHA20_POLY1305).withRekeyAfterMessages(100, 1000);
        Network.Node a = net.node(alice, config, alice, bob);
        Network.Node b = net.node(bob, config, alice, bob);
        net.connect(a, b);

        stream(a, b, 3000, 50, Duration.ZERO, 64);

        assertTrue(a.crypto.peer(bob.peerId()).handshakes() >= 30);
    }

    /**
     * Sends {@code frames} numbered frames each way, {@code batch} at a time, delivering each batch shuffled
     * (reordering across the key switch) and running the timers between batches.
     */
    private void stream(Network.Node a, Network.Node b, int frames, int batch, Duration step, int size) {
        for (int i = 0; i < frames; i++) {
            assertNotEquals("frame " + i, SwarmCrypto.SealStatus.NO_SESSION, net.sendFrame(a, b, frame(i, size)));
            assertNotEquals("frame " + i, SwarmCrypto.SealStatus.NO_SESSION, net.sendFrame(b, a, frame(i, size)));
            if (i % batch == batch - 1) {
                net.clock.advance(step);
                net.tick(a, b);
                net.drain(true);
            }
        }
        net.drain(true);
        String drops = a.crypto.drops().snapshot() + " / " + b.crypto.drops().snapshot();
        assertEquals(drops, frames, numbers(b).size());
        assertEquals(drops, frames, numbers(a).size());
        assertEquals(0, a.crypto.drops().total());
        assertEquals(0, b.crypto.drops().total());
    }

    private static Set<Integer> numbers(Network.Node n) {
        Set<Integer> seen = new HashSet<>();
        n.delivered.forEach(f -> seen.add(ByteBuffer.wrap(f).getInt()));
        assertEquals(n.delivered.size(), seen.size());
        return seen;
    }

    private static byte[] frame(int number, int size) {
        return ByteBuffer.allocate(size).putInt(number).array();
    }
}
