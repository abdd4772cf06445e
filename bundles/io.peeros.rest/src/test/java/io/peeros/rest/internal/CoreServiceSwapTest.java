package io.peeros.rest.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import io.peeros.identity.api.Role;
import io.peeros.identity.api.PeerIds;
import io.peeros.rest.internal.support.Answer;
import io.peeros.rest.internal.support.FakeTrustService;
import io.peeros.rest.internal.support.TestKey;
import java.net.Socket;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.After;
import org.junit.Test;

/**
 * A core service (identity, trust, users, tokens, registry) is replaced, as when its bundle is updated: the ports
 * stay open, a request made meanwhile waits for the new service, and one that waits too long answers 503.
 */
public class CoreServiceSwapTest {

    private RestFixture rest;

    @After
    public void stop() {
        rest.deactivate();
    }

    @Test
    public void aRequestWaitsForTheReplacedServiceOnPortsThatStayOpen() throws Exception {
        rest = RestFixture.start();
        String viewer = rest.token(Role.VIEWER);

        rest.server.unbindTokens(rest.tokens);
        rest.server.unbindRegistry(rest.registry);
        new Socket("127.0.0.1", rest.publicPort).close();
        new Socket("127.0.0.1", rest.peerPort).close();
        CompletableFuture<Integer> waiting = CompletableFuture.supplyAsync(() -> status(viewer));
        Thread.sleep(300);
        assertFalse("the request waits while the services are away", waiting.isDone());
        rest.server.bindTokens(rest.tokens);
        rest.server.bindRegistry(rest.registry);

        assertEquals(200, (int) waiting.get(5, TimeUnit.SECONDS));
    }

    @Test
    public void aServiceThatStaysAwayAnswers503AfterTheWait() throws Exception {
        rest = RestFixture.start(Map.of("serviceWaitMillis", 200));
        String viewer = rest.token(Role.VIEWER);
        rest.server.unbindRegistry(rest.registry);

        Answer answer = rest.call("GET", "/peer", null, viewer);

        assertEquals(503, answer.status());
        assertTrue(answer.body(), answer.body().contains("REGISTRY_UNAVAILABLE"));
    }

    @Test
    public void thePortsOpenOnlyOnceEveryCoreServiceHasArrived() throws Exception {
        rest = RestFixture.start();
        String viewer = rest.token(Role.VIEWER);
        rest.deactivate();
        rest.server.unbindIdentity(rest.identity);
        rest.activate();
        assertRefused(rest.publicPort);

        rest.server.bindIdentity(rest.identity);

        assertEquals(200, status(viewer));
    }

    @Test
    public void theMutualTlsPortAsksTheTrustServiceThatRunsNow() throws Exception {
        rest = RestFixture.start();
        TestKey peer = TestKey.create("trusted-after-the-update");
        FakeTrustService replacement = new FakeTrustService();
        replacement.trust(PeerIds.of(peer.certificate()), peer.certificate());

        rest.server.unbindTrust(rest.trust);
        rest.server.bindTrust(replacement);

        Answer answer = rest.client(peer).send("GET", rest.peerUri("/p2p/heartbeat"), null, null);
        assertEquals(answer.toString(), 200, answer.status());
    }

    private int status(String token) {
        try {
            return rest.call("GET", "/peer", null, token).status();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void assertRefused(int port) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            throw new AssertionError("port " + port + " is open");
        } catch (java.io.IOException expected) {
            // refused
        }
    }
}
