package io.peeros.vpn.internal.crypto;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;

import io.peeros.vpn.api.DropCause;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.Test;

/**
 * Throws 1,000,000 random and mutated datagrams at a member with a live session: nothing may be delivered,
 * nothing may throw, and the session must still work afterwards.
 */
public class FuzzTest {

    private static final int DATAGRAMS = 1_000_000;

    @Test(timeout = 300_000)
    public void randomAndMutatedDatagramsDeliverNothing() {
        Network net = new Network();
        TestPeer alice = TestPeer.create();
        TestPeer bob = TestPeer.create();
        CryptoConfig config = CryptoConfig.defaults(CipherSuite.CHACHA20_POLY1305);
        Network.Node a = net.node(alice, config, alice, bob);
        Network.Node b = net.node(bob, config, alice, bob);
        List<byte[]> corpus = corpus(net, a, b);
        SplittableRandom random = new SplittableRandom(7);
        ByteBuffer out = ByteBuffer.allocate(70_000);
        Received r = new Received();
        Map<Received.Outcome, Integer> outcomes = new EnumMap<>(Received.Outcome.class);
        long dropsBefore = a.crypto.drops().total();

        long start = System.nanoTime();
        for (int i = 0; i < DATAGRAMS; i++) {
            byte[] datagram = i % 2 == 0 ? random(random, corpus) : mutate(random, corpus);
            out.clear();
            Received.Outcome outcome = a.crypto.receive(ByteBuffer.wrap(datagram), out, r);
            assertNotEquals(Received.Outcome.DELIVERED, outcome);
            assertNotEquals(Received.Outcome.KEEPALIVE, outcome);
            assertFalse(r.established());
            outcomes.merge(outcome, 1, Integer::sum);
        }
        long millis = (System.nanoTime() - start) / 1_000_000;

        System.out.printf("fuzz: %d datagrams in %d ms (%.1f us each); outcomes %s; drops %s%n", DATAGRAMS, millis,
                millis * 1000.0 / DATAGRAMS, outcomes, a.crypto.drops().snapshot());
        assertEquals(0, a.crypto.internalErrors());
        assertTrue(a.delivered.isEmpty());
        assertEquals(DATAGRAMS - outcomes.getOrDefault(Received.Outcome.HANDSHAKE, 0),
                a.crypto.drops().total() - dropsBefore);
        assertTrue(a.crypto.drops().get(DropCause.BAD_MAC) > 0);
        // The genuine session survived.
        net.sendFrame(b, a, HandshakeTest.bytes("still works"));
        net.drain(false);
        assertEquals(1, a.delivered.size());
    }

    /** Every kind of genuine datagram a member receives, already delivered once. */
    private static List<byte[]> corpus(Network net, Network.Node a, Network.Node b) {
        net.connect(a, b);
        net.clock.advance(Duration.ofSeconds(1));
        net.connect(b, a);
        for (int size : new int[] {0, 1, 60, 1400, 9000}) {
            net.sendFrame(b, a, new byte[size]);
        }
        net.drain(false);
        List<byte[]> corpus = new ArrayList<>(net.captured);
        a.delivered.clear();
        return corpus;
    }

    private static byte[] random(SplittableRandom random, List<byte[]> corpus) {
        int length = random.nextInt(4) == 0 ? random.nextInt(1600) : random.nextInt(160);
        byte[] d = new byte[length];
        for (int i = 0; i < length; i++) {
            d[i] = (byte) random.nextInt(256);
        }
        if (length >= 8 && random.nextBoolean()) {
            // A plausible header: a known type, zero reserved bytes, a receiver index that exists.
            byte[] genuine = corpus.get(random.nextInt(corpus.size()));
            d[0] = (byte) (1 + random.nextInt(4));
            d[1] = d[2] = d[3] = 0;
            if (genuine.length >= 8) {
                System.arraycopy(genuine, 4, d, 4, 4);
            }
        }
        return d;
    }

    private static byte[] mutate(SplittableRandom random, List<byte[]> corpus) {
        byte[] d = corpus.get(random.nextInt(corpus.size())).clone();
        switch (random.nextInt(5)) {
            case 0 -> {
                for (int i = 1 + random.nextInt(4); i > 0 && d.length > 0; i--) {
                    int bit = random.nextInt(d.length * 8);
                    d[bit / 8] ^= 1 << (bit % 8);
                }
            }
            case 1 -> {
                if (d.length > 0) {
                    d[random.nextInt(d.length)] = (byte) random.nextInt(256);
                }
            }
            case 2 -> d = java.util.Arrays.copyOf(d, random.nextInt(d.length + 1));
            case 3 -> {
                d = java.util.Arrays.copyOf(d, d.length + 1 + random.nextInt(64));
            }
            default -> {
                byte[] other = corpus.get(random.nextInt(corpus.size()));
                int cut = random.nextInt(Math.min(d.length, other.length) + 1);
                System.arraycopy(other, cut, d, cut, Math.min(d.length, other.length) - cut);
            }
        }
        return d;
    }
}
