package io.peeros.registry.internal.transport;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsExchange;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import io.peeros.registry.api.PeerInfo;
import io.peeros.registry.api.RegistryException;
import io.peeros.registry.api.protocol.ConfirmMessage;
import io.peeros.registry.api.protocol.ConfirmReply;
import io.peeros.registry.api.protocol.RegistrationMessage;
import io.peeros.registry.api.protocol.RegistrationReply;
import io.peeros.registry.internal.Certificates;
import io.peeros.registry.internal.TestIdentity;
import io.peeros.registry.internal.TestTrust;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManager;
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
    private final List<X509Certificate> clientCertificates = new CopyOnWriteArrayList<>();
    private final List<String> requestBodies = new CopyOnWriteArrayList<>();
    private final List<HttpsServer> servers = new CopyOnWriteArrayList<>();
    private HttpPeerTransport transport;

    /** What the server answers: path → status and body. */
    private final Map<String, Object[]> answers = new java.util.concurrent.ConcurrentHashMap<>();

    @Before
    public void setUp() {
        alphaTrust.trust(beta.peerId(), beta.certificate());
        transport = new HttpPeerTransport(alpha, alphaTrust, Duration.ofSeconds(3), Duration.ofSeconds(5));
    }

    @After
    public void tearDown() {
        transport.close();
        servers.forEach(s -> s.stop(0));
    }

    @Test
    public void heartbeatOverMutualTlsPresentsTheClientCertificate() throws Exception {
        // given beta serves, and alpha trusts beta
        PeerInfo info = new PeerInfo(beta.peerId(), "beta", "dev", URI.create("https://127.0.0.1:8443"),
                URI.create("https://127.0.0.1:8444"), Certificates.fingerprint(beta.certificate()), 2, 1, 1, 1, 1, 0.5);
        answers.put(PeerTransport.HEARTBEAT, new Object[] {200, json.writeValueAsString(info)});
        URI url = serve(beta);

        // when
        PeerTransport.Alive alive = transport.heartbeat(url);

        // then
        assertEquals(info, alive.info());
        assertEquals(beta.certificate(), alive.serverCertificate());
        assertEquals(List.of(alpha.certificate()), clientCertificates);
    }

    @Test
    public void untrustedServerIsRefusedOnMutualTls() {
        answers.put(PeerTransport.HEARTBEAT, new Object[] {200, "{}"});
        URI url = serve(mallory);

        RegistryException e = refused("PEER_UNREACHABLE", () -> transport.heartbeat(url));

        assertTrue(e.getMessage(), e.getMessage().contains(url.toString()));
        assertTrue(e.getMessage(), e.getMessage().contains("TLS handshake"));
        assertTrue("the request never reached the server", requestBodies.isEmpty());
    }

    @Test
    public void firstContactAcceptsAnyServerAndReportsItsCertificate() throws Exception {
        // given a server alpha has never seen
        RegistrationReply reply = new RegistrationReply(mallory.peerId(), "m", "https://127.0.0.1:1",
                "https://127.0.0.1:2", Certificates.toPem(mallory.certificate()), "bm9uY2U", 42);
        answers.put(PeerTransport.REGISTRATIONS, new Object[] {201, json.writeValueAsString(reply)});
        URI url = serve(mallory);
        RegistrationMessage message = new RegistrationMessage(alpha.peerId(), "alpha", "https://a:8443",
                "https://a:8444", Certificates.toPem(alpha.certificate()), "bm9uY2U");

        // when
        PeerTransport.Registered registered = transport.register(URI.create(url + "/"), message);

        // then
        assertEquals(reply, registered.reply());
        assertEquals(mallory.certificate(), registered.serverCertificate());
        assertEquals(List.of(alpha.certificate()), clientCertificates);
        assertEquals(message, json.readValue(requestBodies.get(0), RegistrationMessage.class));
    }

    @Test
    public void pinnedCallGoesOnlyToThePinnedCertificate() throws Exception {
        String path = PeerTransport.REGISTRATIONS + "/" + alpha.peerId() + "/confirm";
        answers.put(path, new Object[] {200, json.writeValueAsString(new ConfirmReply("dGFn"))});
        URI impostor = serve(mallory);
        URI real = serve(beta);

        refused("PEER_UNREACHABLE", () -> transport.confirm(impostor, alpha.peerId(), new ConfirmMessage("secret"),
                beta.certificate()));
        assertTrue("the tag was not sent to the impostor", requestBodies.isEmpty());

        ConfirmReply reply = transport.confirm(real, alpha.peerId(), new ConfirmMessage("t"), beta.certificate());
        assertEquals("dGFn", reply.tag());
        assertEquals(List.of(alpha.certificate()), clientCertificates);
    }

    @Test
    public void remoteErrorBodiesKeepTheirCode() {
        answers.put(PeerTransport.REGISTRATIONS, new Object[] {409,
                "{\"code\":\"REQUEST_PENDING\",\"message\":\"A request is already waiting.\",\"status\":409}"});
        answers.put(PeerTransport.UNREGISTER, new Object[] {500, "<html>oops</html>"});
        alphaTrust.trust(mallory.peerId(), mallory.certificate());
        URI url = serve(mallory);
        RegistrationMessage message = new RegistrationMessage(alpha.peerId(), "alpha", "https://a:8443",
                "https://a:8444", Certificates.toPem(alpha.certificate()), "bm9uY2U");

        RegistryException pending = refused("REQUEST_PENDING", () -> transport.register(url, message));
        assertEquals("A request is already waiting.", pending.getMessage());
        RegistryException other = refused("REMOTE_REFUSED", () -> transport.unregister(url));
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

    /** An HTTPS server presenting {@code identity}'s certificate and requiring a client certificate. */
    private URI serve(TestIdentity identity) {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(new KeyManager[] {identity.keyManager()}, new TrustManager[] {new AnyClient()}, null);
            HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.setHttpsConfigurator(new HttpsConfigurator(context) {
                @Override
                public void configure(HttpsParameters params) {
                    SSLParameters parameters = context.getDefaultSSLParameters();
                    parameters.setNeedClientAuth(true);
                    params.setSSLParameters(parameters);
                }
            });
            server.createContext("/", exchange -> {
                HttpsExchange https = (HttpsExchange) exchange;
                clientCertificates.add((X509Certificate) https.getSSLSession().getPeerCertificates()[0]);
                requestBodies.add(new String(exchange.getRequestBody().readAllBytes()));
                Object[] answer = answers.getOrDefault(exchange.getRequestURI().getPath(),
                        new Object[] {404, "{\"code\":\"NOT_FOUND\",\"message\":\"no such path\"}"});
                byte[] body = ((String) answer[1]).getBytes();
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders((Integer) answer[0], body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            });
            server.start();
            servers.add(server);
            return URI.create("https://127.0.0.1:" + server.getAddress().getPort());
        } catch (IOException | java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Servers in this test accept any client certificate; the handler records which one came. */
    private static final class AnyClient extends HostAgnosticTrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws
                java.security.cert.CertificateException {
            throw new java.security.cert.CertificateException("server side only");
        }
    }

    private static RegistryException refused(String code, Runnable call) {
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
