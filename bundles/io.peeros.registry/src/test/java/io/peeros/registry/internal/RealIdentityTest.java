package io.peeros.registry.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import io.peeros.identity.internal.peer.PeerIdentityService;
import io.peeros.identity.internal.trust.TrustStore;
import io.peeros.identity.internal.vault.KeyVault;
import io.peeros.registry.api.PeerState;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.peeros.registry.api.PeerInfo;
import io.peeros.registry.internal.transport.HttpPeerTransport;
import io.peeros.registry.internal.transport.PeerTransport;
import io.peeros.registry.internal.transport.TestHttpsServer;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.Test;

/** The registration between two peers whose keys and trust stores are the real identity implementation. */
public class RealIdentityTest extends NetworkTestSupport {

    private static TestPeer.Keys realKeys(Path dir) {
        KeyVault vault = new KeyVault(Configs.of(KeyVault.Config.class, Map.of("stateDir", dir.toString())));
        return new TestPeer.Keys(new PeerIdentityService(vault, Configs.of(PeerIdentityService.Config.class,
                Map.of())), new TrustStore(vault));
    }

    @Test
    public void registrationHeartbeatAndUnregisterWithRealKeysAndTrustStores() {
        // given
        TestPeer a = newPeer("alpha", RealIdentityTest::realKeys).start();
        TestPeer b = newPeer("beta", RealIdentityTest::realKeys).start();
        String code = a.registry.register(b.url()).code();

        // a wrong code creates no trust in the real stores
        refused("CODE_WRONG", () -> b.registry.approve(a.id(), wrong(code)));
        assertTrue(a.trust.trusted().isEmpty() && b.trust.trusted().isEmpty());

        // the right one does, on both sides, and the real trust managers accept each other
        b.registry.approve(a.id(), code);
        assertEquals(b.identity.certificate(), a.trust.certificateOf(b.id()).orElseThrow());
        assertEquals(a.identity.certificate(), b.trust.certificateOf(a.id()).orElseThrow());
        a.registry.heartbeatNow();
        b.registry.heartbeatNow();
        assertState(a, b, PeerState.APPROVED);
        assertState(b, a, PeerState.APPROVED);

        // unregister removes it from both real stores
        b.registry.unregister(a.id());
        assertTrue(a.trust.trusted().isEmpty() && b.trust.trusted().isEmpty());
        assertState(a, b, PeerState.UNREGISTERED);
    }

    @Test
    public void httpTransportWorksWithTheRealKeyManagerAndTrustManager() throws Exception {
        // given two real identities; alpha trusts beta
        TestPeer.Keys alpha = realKeys(folder.newFolder("alpha").toPath());
        TestPeer.Keys beta = realKeys(folder.newFolder("beta").toPath());
        TestPeer.Keys mallory = realKeys(folder.newFolder("mallory").toPath());
        alpha.trust().trust(beta.identity().peerId(), beta.identity().certificate());
        PeerInfo info = new PeerInfo(beta.identity().peerId(), "beta", "dev", URI.create("https://b:8443"),
                URI.create("https://b:8444"), "x", 1, 1, 1, 1, 1, 0);
        String body = new ObjectMapper().writeValueAsString(info);
        try (TestHttpsServer server = new TestHttpsServer(beta.identity()).answer(PeerTransport.HEARTBEAT, 200, body);
                TestHttpsServer impostor = new TestHttpsServer(mallory.identity())
                        .answer(PeerTransport.HEARTBEAT, 200, body);
                HttpPeerTransport transport = new HttpPeerTransport(alpha.identity(), alpha.trust(),
                        Duration.ofSeconds(3), Duration.ofSeconds(5))) {

            // when / then: mutual TLS with the real key manager presents alpha's certificate
            assertEquals(info, transport.heartbeat(server.url()).info());
            assertEquals(List.of(alpha.identity().certificate()), server.clientCertificates);
            // and the real trust manager refuses a peer alpha does not trust
            refused("PEER_UNREACHABLE", () -> transport.heartbeat(impostor.url()));
            assertTrue(impostor.requestBodies.isEmpty());
        }
    }
}
