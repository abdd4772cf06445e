package io.peeros.registry.internal.transport;

import static io.peeros.registry.internal.transport.HttpPeerTransportTest.refused;
import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import io.peeros.registry.api.RegistryException;
import io.peeros.registry.internal.TestIdentity;
import io.peeros.registry.internal.TestTrust;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/** {@link HttpPeerTransport#call}: the calls other bundles make to registered peers, over real mutual TLS. */
public class PeerCallTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final TestIdentity alpha = new TestIdentity("alpha");
    private final TestIdentity beta = new TestIdentity("beta");
    private final TestIdentity gamma = new TestIdentity("gamma");
    private final TestTrust alphaTrust = new TestTrust();
    private final List<TestHttpsServer> servers = new CopyOnWriteArrayList<>();
    private HttpPeerTransport transport;
    private Path temp;

    @Before
    public void setUp() throws IOException {
        temp = Files.createTempDirectory("peeros-call");
        alphaTrust.trust(beta.peerId(), beta.certificate());
        alphaTrust.trust(gamma.peerId(), gamma.certificate());
        transport = new HttpPeerTransport(alpha, alphaTrust, Duration.ofSeconds(3), Duration.ofSeconds(5));
    }

    @After
    public void tearDown() {
        transport.close();
        servers.forEach(TestHttpsServer::close);
        try (var files = Files.walk(temp)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temp directory left behind does not fail a test
        }
    }

    @Test
    public void callSendsMethodPathAndBodyBelowP2pAndReturnsTheAnswer() {
        // given
        TestHttpsServer server = serve(beta).answer("/api/v1/p2p/environments/env-1/containers/web-1", 200,
                "{\"name\":\"web-1\"}");

        // when
        byte[] answer = transport.call(server.url(), beta.peerId(), "PUT", "environments/env-1/containers/web-1",
                "{\"x\":1}".getBytes(StandardCharsets.UTF_8), TIMEOUT);

        // then
        assertEquals("{\"name\":\"web-1\"}", new String(answer, StandardCharsets.UTF_8));
        assertEquals(List.of("PUT /api/v1/p2p/environments/env-1/containers/web-1"), server.requestLines);
        assertEquals(List.of("{\"x\":1}"), server.requestBodies);
        assertEquals(List.of(alpha.certificate()), server.clientCertificates);
    }

    @Test
    public void emptyAnswerOf204IsAnEmptyBody() {
        TestHttpsServer server = serve(beta).answer("/api/v1/p2p/environments/env-1", 204, "");

        byte[] answer = transport.call(server.url(), beta.peerId(), "DELETE", "environments/env-1", null, TIMEOUT);

        assertArrayEquals(new byte[0], answer);
        assertEquals(List.of("DELETE /api/v1/p2p/environments/env-1"), server.requestLines);
    }

    @Test
    public void anotherTrustedPeerAtTheAddressIsRefusedBeforeTheRequestIsSent() {
        // given gamma, trusted too, answers at the address recorded for beta
        TestHttpsServer impostor = serve(gamma).answer("/api/v1/p2p/environments", 200, "[]");

        // when
        RegistryException e = refused("PEER_UNREACHABLE", () -> transport.call(impostor.url(), beta.peerId(),
                "POST", "environments", "{\"secret\":1}".getBytes(StandardCharsets.UTF_8), TIMEOUT));

        // then
        assertTrue(e.getMessage(), e.getMessage().contains("TLS handshake"));
        assertTrue("nothing reached gamma", impostor.requestLines.isEmpty());
    }

    @Test
    public void untrustedServerIsRefused() {
        TestIdentity mallory = new TestIdentity("mallory");
        TestHttpsServer server = serve(mallory).answer("/api/v1/p2p/environments", 200, "[]");

        refused("PEER_UNREACHABLE", () -> transport.call(server.url(), mallory.peerId(), "GET", "environments", null,
                TIMEOUT));
        assertTrue(server.requestLines.isEmpty());
    }

    @Test
    public void remoteErrorsKeepTheirCodeAndMessage() {
        TestHttpsServer server = serve(beta)
                .answer("/api/v1/p2p/environments/env-9", 404,
                        "{\"code\":\"ENVIRONMENT_NOT_FOUND\",\"message\":\"No environment env-9 here.\"}")
                .answer("/api/v1/p2p/environments/env-8", 500, "<html>oops</html>");

        RegistryException notFound = refused("ENVIRONMENT_NOT_FOUND", () -> transport.call(server.url(),
                beta.peerId(), "DELETE", "environments/env-9", null, TIMEOUT));
        assertEquals("No environment env-9 here.", notFound.getMessage());
        RegistryException other = refused("REMOTE_REFUSED", () -> transport.call(server.url(), beta.peerId(),
                "DELETE", "environments/env-8", null, TIMEOUT));
        assertTrue(other.getMessage(), other.getMessage().contains("HTTP 500"));
    }

    @Test
    public void aPeerThatDoesNotAnswerInTimeIsUnreachable() {
        TestHttpsServer server = serve(beta).answer("/api/v1/p2p/environments/capacity", 200, "{}").delay(3000);

        long start = System.nanoTime();
        RegistryException e = refused("PEER_UNREACHABLE", () -> transport.call(server.url(), beta.peerId(), "GET",
                "environments/capacity", null, Duration.ofMillis(300)));

        assertTrue(e.getMessage(), e.getMessage().contains("no answer in time"));
        assertTrue(e.getMessage(), e.getMessage().contains("request 300 ms"));
        assertTrue("gave up after the call's own timeout", System.nanoTime() - start < 2_500_000_000L);
    }

    @Test
    public void downloadStreamsTheBodyIntoTheTarget() throws Exception {
        // given
        TestHttpsServer server = serve(beta).answer("/api/v1/p2p/templates/busybox/1.0.0", 200, "archive bytes");
        Path target = temp.resolve("busybox.tar");

        // when
        transport.download(server.url(), beta.peerId(), "templates/busybox/1.0.0", target, 1024, TIMEOUT);

        // then
        assertEquals("archive bytes", Files.readString(target, StandardCharsets.UTF_8));
        assertEquals(List.of("GET /api/v1/p2p/templates/busybox/1.0.0"), server.requestLines);
        assertEquals(List.of(alpha.certificate()), server.clientCertificates);
    }

    @Test
    public void downloadAboveTheLimitIsRefusedAndLeavesNoFile() {
        TestHttpsServer server = serve(beta).answer("/api/v1/p2p/templates/busybox", 200, "x".repeat(2000));
        Path target = temp.resolve("busybox.tar");

        RegistryException e = refused("REMOTE_REFUSED", () -> transport.download(server.url(), beta.peerId(),
                "templates/busybox", target, 1000, TIMEOUT));

        assertTrue(e.getMessage(), e.getMessage().contains("more than 1000 bytes"));
        assertFalse(Files.exists(target));
    }

    @Test
    public void downloadKeepsTheRemoteErrorAndRefusesImpostors() {
        TestHttpsServer server = serve(beta).answer("/api/v1/p2p/templates/nginx", 404,
                "{\"code\":\"NOT_FOUND\",\"message\":\"No template nginx here.\"}");
        TestHttpsServer impostor = serve(gamma).answer("/api/v1/p2p/templates/busybox", 200, "evil");
        Path target = temp.resolve("t.tar");

        RegistryException notFound = refused("NOT_FOUND", () -> transport.download(server.url(), beta.peerId(),
                "templates/nginx", target, 1024, TIMEOUT));
        assertEquals("No template nginx here.", notFound.getMessage());
        refused("PEER_UNREACHABLE", () -> transport.download(impostor.url(), beta.peerId(), "templates/busybox",
                target, 1024, TIMEOUT));
        assertTrue("nothing reached gamma", impostor.requestLines.isEmpty());
        assertFalse(Files.exists(target));
    }

    private TestHttpsServer serve(TestIdentity identity) {
        TestHttpsServer server = new TestHttpsServer(identity);
        servers.add(server);
        return server;
    }
}
