package io.peeros.vpn.internal.crypto;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import io.peeros.vpn.api.DropCause;
import java.nio.ByteBuffer;
import org.junit.Test;

public class MembershipTest {

    private final Network net = new Network();
    private final CryptoConfig config = CryptoConfig.defaults(CipherSuite.CHACHA20_POLY1305);
    private final TestPeer alice = TestPeer.create();
    private final TestPeer bob = TestPeer.create();
    private final TestPeer carol = TestPeer.create();

    @Test
    public void removedMemberCanNoLongerSend() {
        Network.Node a = net.node(alice, config, alice, bob, carol);
        Network.Node b = net.node(bob, config, alice, bob, carol);
        Network.Node c = net.node(carol, config, alice, bob, carol);
        net.connect(a, b);
        net.connect(c, a);
        PeerSession bobAtAlice = a.crypto.peer(bob.peerId());

        a.crypto.setMembers(Network.members(alice, carol));

        assertTrue(bobAtAlice.isRemoved());
        assertNull(a.crypto.peer(bob.peerId()));
        net.sendFrame(b, a, HandshakeTest.bytes("still there?"));
        net.drain(false);
        assertEquals(1, a.crypto.drops().get(DropCause.NOT_MEMBER));

        ByteBuffer init = ByteBuffer.allocate(64);
        b.crypto.peer(alice.peerId()).dropInitiation();
        net.clock.advance(config.rekeyTimeout());
        assertTrue(b.crypto.initiate(b.crypto.peer(alice.peerId()), init));
        net.send(b, a, init.flip());
        net.drain(false);
        net.sendFrame(b, a, HandshakeTest.bytes("new keys?"));
        net.drain(false);

        // The final handshake message, then the frame (sent under bob's old keys: the new ones are unconfirmed).
        assertTrue(a.delivered.isEmpty());
        assertEquals(3, a.crypto.drops().get(DropCause.NOT_MEMBER));
        net.sendFrame(c, a, HandshakeTest.bytes("carol is unaffected"));
        net.drain(false);
        assertEquals(1, a.delivered.size());
    }

    @Test
    public void readmittedMemberHandshakesAgain() {
        Network.Node a = net.node(alice, config, alice, bob);
        Network.Node b = net.node(bob, config, alice, bob);
        net.connect(a, b);
        a.crypto.setMembers(Network.members(alice));
        a.crypto.setMembers(Network.members(alice, bob));

        net.connect(a, b);
        net.sendFrame(b, a, HandshakeTest.bytes("back"));
        net.drain(false);

        assertEquals(1, a.delivered.size());
    }
}
