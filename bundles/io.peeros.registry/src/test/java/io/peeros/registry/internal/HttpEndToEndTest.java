package io.peeros.registry.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import io.peeros.registry.api.PeerState;
import io.peeros.registry.api.RegistryException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.After;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** Two registries with the real HttpClient transport, over real TLS on 127.0.0.1, through a stand-in REST layer. */
public class HttpEndToEndTest {

    @Rule
    public TemporaryFolder folder = new TemporaryFolder();

    private final List<AutoCloseable> resources = new ArrayList<>();

    /** A registry behind its own two HTTPS ports. */
    private final class Node {
        final TestIdentity identity;
        final TestTrust trust = new TestTrust();
        final PeerRegistryService registry;
        final MiniRest rest;

        Node(String name) throws Exception {
            identity = new TestIdentity(name);
            PeerRegistryService[] holder = new PeerRegistryService[1];
            rest = new MiniRest(identity, trust, () -> holder[0]);
            registry = new PeerRegistryService(identity, trust);
            registry.activate(Configs.of(Map.of("name", name, "publicUrl", rest.publicUrl().toString(),
                    "peerUrl", rest.peerUrl().toString(), "stateDir", folder.newFolder(name).toString(),
                    "heartbeatSeconds", 3600)));
            holder[0] = registry;
            resources.add(rest);
            resources.add(registry::deactivate);
        }
    }

    @After
    public void tearDown() throws Exception {
        for (AutoCloseable resource : resources) {
            resource.close();
        }
    }

    @Test
    public void registerApproveHeartbeatAndUnregisterOverRealTls() throws Exception {
        // given
        Node a = new Node("alpha");
        Node b = new Node("beta");
        String code = a.registry.register(b.rest.publicUrl()).code();

        // a wrong code travels back with its code
        try {
            b.registry.approve(a.identity.peerId(), "AAAA-AAAA-AAAA-AAAA".equals(code) ? "BBBB-BBBB-BBBB-BBBB"
                    : "AAAA-AAAA-AAAA-AAAA");
        } catch (RegistryException e) {
            assertEquals("CODE_WRONG", e.code());
        }
        assertTrue(a.trust.trusted().isEmpty() && b.trust.trusted().isEmpty());

        // when
        b.registry.approve(a.identity.peerId(), code);
        a.registry.heartbeatNow();
        b.registry.heartbeatNow();

        // then
        assertEquals(PeerState.APPROVED, a.registry.peer(b.identity.peerId()).orElseThrow().state());
        assertEquals(PeerState.APPROVED, b.registry.peer(a.identity.peerId()).orElseThrow().state());
        assertTrue(a.registry.peer(b.identity.peerId()).orElseThrow().lastSeen() != null);

        // and unregistering over mutual TLS ends it on both sides
        a.registry.unregister(b.identity.peerId());
        assertEquals(PeerState.UNREGISTERED, b.registry.peer(a.identity.peerId()).orElseThrow().state());
        assertTrue(a.trust.trusted().isEmpty() && b.trust.trusted().isEmpty());
    }
}
