package io.peeros.registry.internal.transport;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.peeros.registry.api.PeerInfo;
import io.peeros.registry.api.RegistryException;
import io.peeros.registry.api.protocol.ConfirmMessage;
import io.peeros.registry.api.protocol.ConfirmReply;
import io.peeros.registry.api.protocol.RegistrationMessage;
import io.peeros.registry.api.protocol.RegistrationReply;
import io.peeros.registry.internal.Certificates;
import io.peeros.registry.internal.TestIdentity;
import io.peeros.registry.internal.TestTrust;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/** The real HttpClient transport against a JDK HTTPS server on 127.0.0.1 that requires a client certificate. */
public class HttpPeerTransportTest {

    private final ObjectMapper json = new ObjectMapper();
    private final TestIdentity alpha = new TestIdentity("alpha");
    private final TestIdentity beta = new TestIdentity("beta");
    private final TestIdentity mallory = new TestIdentity("mallory");
    private final TestTrust alphaTrust = new TestTrust();
    private final List<TestHttpsServer> servers = new CopyOnWriteArrayList<>();
    private HttpPeerTransport transport;

    @Before
    public void setUp() {
        alphaTrust.trust(beta.peerId(), beta.certificate());
        transport = new HttpPeerTransport(alpha, alphaTrust, Duration.ofSeconds(3), Duration.ofSeconds(5));
    }

    @After
    public void tearDown() {
        transport.close();
        servers.forEach(TestHttpsServer::close);
    }

    @Test
    public void heartbeatOverMutualTlsPresentsTheClientCertificate() throws Exception {
        // given beta serves, and alpha trusts beta
        PeerInfo info = new PeerInfo(beta.peerId(), "beta", "dev", URI.create("https://127.0.0.1:8443"),
                URI.create("https://127.0.0.1:8444"), Certificates.fingerprint(beta.certificate()), 2, 1, 1, 1, 1, 0.5);
        TestHttpsServer server = serve(beta).answer(PeerTransport.HEARTBEAT, 200, json.writeValueAsString(info));

        // when
        PeerTransport.Alive alive = transport.heartbeat(server.url());

        // then
        assertEquals(info, alive.info());
        assertEquals(beta.certificate(), alive.serverCertificate());
        assertEquals(List.of(alpha.certificate()), server.clientCertificates);
    }

    @Test
    public void untrustedServerIsRefusedOnMutualTls() {
        TestHttpsServer server = serve(mallory).answer(PeerTransport.HEARTBEAT, 200, "{}");

        RegistryException e = refused("PEER_UNREACHABLE", () -> transport.heartbeat(server.url()));

        assertTrue(e.getMessage(), e.getMessage().contains(server.url().toString()));
        assertTrue(e.getMessage(), e.getMessage().contains("TLS handshake"));
        assertTrue("the request never reached the server", server.requestBodies.isEmpty());
    }

    @Test
    public void firstContactAcceptsAnyServerAndReportsItsCertificate() throws Exception {
        // given a server alpha has never seen
        RegistrationReply reply = new RegistrationReply(mallory.peerId(), "m", "https://127.0.0.1:1",
                "https://127.0.0.1:2", Certificates.toPem(mallory.certificate()), "bm9uY2U", 42);
        TestHttpsServer server = serve(mallory)
                .answer(PeerTransport.REGISTRATIONS, 201, json.writeValueAsString(reply));

        // when
        PeerTransport.Registered registered = transport.register(URI.create(server.url() + "/"), message());

        // then
        assertEquals(reply, registered.reply());
        assertEquals(mallory.certificate(), registered.serverCertificate());
        assertEquals(List.of(alpha.certificate()), server.clientCertificates);
        assertEquals(message(), json.readValue(server.requestBodies.get(0), RegistrationMessage.class));
    }

    @Test
    public void pinnedCallGoesOnlyToThePinnedCertificate() throws Exception {
        String path = PeerTransport.REGISTRATIONS + "/" + alpha.peerId() + "/confirm";
        String answer = json.writeValueAsString(new ConfirmReply("dGFn"));
        TestHttpsServer impostor = serve(mallory).answer(path, 200, answer);
        TestHttpsServer real = serve(beta).answer(path, 200, answer);

        refused("PEER_UNREACHABLE", () -> transport.confirm(impostor.url(), alpha.peerId(),
                new ConfirmMessage("secret"), beta.certificate()));
        assertTrue("the tag was not sent to the impostor", impostor.requestBodies.isEmpty());

        ConfirmReply reply = transport.confirm(real.url(), alpha.peerId(), new ConfirmMessage("t"),
                beta.certificate());
        assertEquals("dGFn", reply.tag());
        assertEquals(List.of(alpha.certificate()), real.clientCertificates);
    }

    @Test
    public void remoteErrorBodiesKeepTheirCode() {
        alphaTrust.trust(mallory.peerId(), mallory.certificate());
        TestHttpsServer server = serve(mallory)
                .answer(PeerTransport.REGISTRATIONS, 409,
                        "{\"code\":\"REQUEST_PENDING\",\"message\":\"A request is already waiting.\",\"status\":409}")
                .answer(PeerTransport.UNREGISTER, 500, "<html>oops</html>");

        RegistryException pending = refused("REQUEST_PENDING", () -> transport.register(server.url(), message()));
        assertEquals("A request is already waiting.", pending.getMessage());
        RegistryException other = refused("REMOTE_REFUSED", () -> transport.unregister(server.url()));
        assertTrue(other.getMessage(), other.getMessage().contains("HTTP 500"));
    }

    @Test
    public void closedPortIsUnreachableAndNamed() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        URI url = URI.create("https://127.0.0.1:" + port);

        RegistryException e = refused("PEER_UNREACHABLE", () -> transport.heartbeat(url));

        assertTrue(e.getMessage(), e.getMessage().contains(url + PeerTransport.HEARTBEAT));
    }

    private RegistrationMessage message() {
        return new RegistrationMessage(alpha.peerId(), "alpha", "https://a:8443", "https://a:8444",
                Certificates.toPem(alpha.certificate()), "bm9uY2U");
    }

    private TestHttpsServer serve(TestIdentity identity) {
        TestHttpsServer server = new TestHttpsServer(identity);
        servers.add(server);
        return server;
    }

    static RegistryException refused(String code, Runnable call) {
        try {
            call.run();
        } catch (RegistryException e) {
            assertEquals(e.getMessage(), code, e.code());
            return e;
        }
        fail("expected " + code);
        return null;
    }
}
