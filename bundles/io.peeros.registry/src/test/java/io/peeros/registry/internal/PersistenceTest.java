package io.peeros.registry.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import io.peeros.registry.api.PeerState;
import io.peeros.registry.api.RegistrationRequest;
import io.peeros.registry.api.RegistryException;
import io.peeros.registry.api.RemotePeer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.Test;

public class PersistenceTest extends NetworkTestSupport {

    @Test
    public void peersAndRequestsSurviveARestart() throws Exception {
        // given B has an approved peer and a pending request
        TestPeer a = peer("alpha");
        TestPeer b = peer("beta");
        TestPeer c = peer("gamma");
        pair(a, b);
        String code = c.registry.register(b.url()).code();
        List<RemotePeer> peersBefore = b.registry.peers();
        List<RegistrationRequest> requestsBefore = b.registry.requests();

        // when
        b.restart();

        // then
        assertEquals(peersBefore, b.registry.peers());
        assertEquals(requestsBefore, b.registry.requests());
        Path file = b.stateDir.resolve(RegistryStore.FILE);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertFalse(Files.exists(b.stateDir.resolve(RegistryStore.FILE + ".tmp")));
        // the pending request can still be approved: its nonces were kept (and no secret was)
        b.registry.approve(c.id(), code);
        assertState(b, c, PeerState.APPROVED);
        assertFalse(Files.readString(file).contains(code.replace("-", "")));
        // heartbeats keep working after the restart
        b.registry.heartbeatNow();
        assertState(b, a, PeerState.APPROVED);
    }

    @Test
    public void theCodeNeverReachesTheDisk() throws Exception {
        TestPeer a = peer("alpha");
        TestPeer b = peer("beta");
        String code = a.registry.register(b.url()).code();

        for (TestPeer p : List.of(a, b)) {
            String stored = Files.readString(p.stateDir.resolve(RegistryStore.FILE));
            assertFalse(stored.contains(code));
            assertFalse(stored.contains(code.replace("-", "")));
        }
    }

    @Test
    public void replayIsStillRefusedAfterARestart() {
        TestPeer a = peer("alpha");
        TestPeer b = peer("beta");
        a.registry.register(b.url());
        b.restart();

        refused("REPLAYED", () -> b.registry.onRegistration(network.registrations.get(0),
                a.identity.certificate()));
    }

    @Test
    public void corruptFileIsReportedAndLeftAlone() throws Exception {
        // given
        TestPeer b = newPeer("beta");
        Path file = b.stateDir.resolve(RegistryStore.FILE);
        Files.writeString(file, "{\"version\":1,\"peers\":[{\"id\":");

        // when
        try {
            b.start();
            fail("a corrupt registry must stop activation");
        } catch (RegistryException e) {
            // then
            assertEquals("STATE_CORRUPT", e.code());
            assertTrue(e.getMessage(), e.getMessage().contains(file.toString()));
        }
        assertEquals("{\"version\":1,\"peers\":[{\"id\":", Files.readString(file));
        b.registry = null;
    }

    @Test
    public void staleTrustIsRevokedOnActivation() {
        // given a peer trusted although the registry ended its registration (a crash between the two writes)
        TestPeer a = peer("alpha");
        TestPeer b = peer("beta");
        pair(a, b);
        a.registry.unregister(b.id());
        a.trust.trust(b.id(), b.identity.certificate());

        // when
        a.restart();

        // then
        assertTrue(a.trust.trusted().isEmpty());
    }
}
