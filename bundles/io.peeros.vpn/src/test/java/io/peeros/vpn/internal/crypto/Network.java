package io.peeros.vpn.internal.crypto;

import static org.junit.Assert.assertEquals;

import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * An in-memory network of swarm members for tests: datagrams queue up and are delivered on {@link #drain},
 * optionally shuffled; handshake replies go back to the sender, as the data plane would do.
 */
final class Network {

    static final String SWARM = "env-test";

    /** A member: its identity and its swarm crypto. */
    static final class Node {
        final TestPeer identity;
        SwarmCrypto crypto;
        final List<byte[]> delivered = new ArrayList<>();
        final Received received = new Received();

        Node(TestPeer identity) {
            this.identity = identity;
        }

        String id() {
            return identity.peerId();
        }
    }

    record Datagram(Node from, Node to, byte[] bytes) {
    }

    final MutableClock clock = new MutableClock();
    final List<Datagram> queue = new ArrayList<>();
    final List<byte[]> captured = new ArrayList<>();
    final Random random = new Random(42);
    private final ByteBuffer out = ByteBuffer.allocate(70_000);

    Node node(TestPeer identity, CryptoConfig config, TestPeer... members) {
        Node n = new Node(identity);
        n.crypto = new SwarmCrypto(SWARM, identity, members(members), config, clock, new SecureRandom());
        return n;
    }

    static Map<String, X509Certificate> members(TestPeer... peers) {
        Map<String, X509Certificate> m = new HashMap<>();
        for (TestPeer p : peers) {
            m.put(p.peerId(), p.certificate());
        }
        return m;
    }

    void send(Node from, Node to, ByteBuffer datagram) {
        byte[] bytes = new byte[datagram.remaining()];
        datagram.get(bytes);
        queue.add(new Datagram(from, to, bytes));
        captured.add(bytes);
    }

    /** Sends a frame; returns the seal status and starts a handshake when the crypto asks for one. */
    SwarmCrypto.SealStatus sendFrame(Node from, Node to, byte[] frame) {
        PeerSession peer = from.crypto.peer(to.id());
        ByteBuffer packet = ByteBuffer.allocate(frame.length + 64);
        SwarmCrypto.SealStatus status = from.crypto.seal(peer, ByteBuffer.wrap(frame), packet);
        if (status != SwarmCrypto.SealStatus.NO_SESSION) {
            send(from, to, packet.flip());
        }
        if (status != SwarmCrypto.SealStatus.SENT) {
            ByteBuffer init = ByteBuffer.allocate(64);
            if (from.crypto.initiate(peer, init)) {
                send(from, to, init.flip());
            }
        }
        return status;
    }

    void connect(Node a, Node b) {
        ByteBuffer init = ByteBuffer.allocate(64);
        a.crypto.initiate(a.crypto.peer(b.id()), init);
        send(a, b, init.flip());
        drain(false);
    }

    /** Delivers everything queued, including the replies it causes. */
    void drain(boolean shuffle) {
        while (!queue.isEmpty()) {
            if (shuffle) {
                Collections.shuffle(queue, random);
            }
            Datagram d = queue.remove(0);
            deliver(d);
        }
    }

    /** Delivers the first queued datagram only. */
    void step() {
        deliver(queue.remove(0));
    }

    Received.Outcome deliver(Node from, Node to, byte[] bytes) {
        return deliver(new Datagram(from, to, bytes));
    }

    private Received.Outcome deliver(Datagram d) {
        out.clear();
        Received r = d.to.received;
        Received.Outcome outcome = d.to.crypto.receive(ByteBuffer.wrap(d.bytes), out, r);
        out.flip();
        if (outcome == Received.Outcome.DELIVERED) {
            byte[] frame = new byte[out.remaining()];
            out.get(frame);
            d.to.delivered.add(frame);
            assertEquals(d.from.id(), r.peer().peerId());
        } else if (r.hasReply()) {
            send(d.to, d.from, out);
        }
        return outcome;
    }

    void tick(Node... nodes) {
        for (Node n : nodes) {
            n.crypto.tick((peer, datagram) -> send(n, find(peer.peerId(), nodes), datagram));
        }
    }

    private static Node find(String id, Node... nodes) {
        for (Node n : nodes) {
            if (n.id().equals(id)) {
                return n;
            }
        }
        throw new IllegalArgumentException(id);
    }
}
