package io.peeros.identity.internal.trust;

import static org.hamcrest.CoreMatchers.containsString;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThat;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;

import io.peeros.identity.api.PeerIds;
import io.peeros.identity.internal.Configs;
import io.peeros.identity.internal.peer.PeerIdentityService;
import io.peeros.identity.internal.vault.VaultFixture;
import java.io.IOException;
import java.net.InetAddress;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** Two peers shake hands over real TLS 1.3 with the key managers and trust managers of this bundle. */
public class MutualTlsTest {

    @Rule
    public TemporaryFolder folder = new TemporaryFolder();
    private final ExecutorService server = Executors.newSingleThreadExecutor();
    private PeerIdentityService alpha;
    private PeerIdentityService beta;
    private TrustStore alphaTrust;
    private TrustStore betaTrust;

    @Before
    public void setUp() throws Exception {
        alpha = peer("alpha");
        beta = peer("beta");
        alphaTrust = new TrustStore(folder.newFolder("alpha-trust").toPath(), Clock.systemUTC());
        betaTrust = new TrustStore(folder.newFolder("beta-trust").toPath(), Clock.systemUTC());
    }

    @After
    public void tearDown() {
        server.shutdownNow();
    }

    @Test
    public void trustedPeersConnectAndRevocationRefusesTheNextConnection() throws Exception {
        alphaTrust.trust(beta.peerId(), beta.certificate());
        betaTrust.trust(alpha.peerId(), alpha.certificate());

        Outcome trusted = connect();
        assertEquals("the server saw the client's peer id", alpha.peerId(), trusted.seenByServer());

        betaTrust.revoke(alpha.peerId());
        Outcome revoked = connect();
        assertThat(messages(revoked.serverError()), containsString("peer " + alpha.peerId() + " "));
        assertThat(messages(revoked.serverError()), containsString("is not trusted"));
        assertNotNull("the client sees the refusal", revoked.clientError());
    }

    @Test
    public void clientRefusesAnUntrustedServer() throws Exception {
        betaTrust.trust(alpha.peerId(), alpha.certificate());

        Outcome outcome = connect();

        assertThat(messages(outcome.clientError()), containsString("peer " + beta.peerId() + " "));
        assertNull(outcome.seenByServer());
    }

    private record Outcome(String seenByServer, Throwable serverError, Throwable clientError) {
    }

    /** Alpha connects to beta. */
    private Outcome connect() throws Exception {
        SSLContext serverContext = context(beta, betaTrust);
        SSLContext clientContext = context(alpha, alphaTrust);
        try (SSLServerSocket listener = (SSLServerSocket) serverContext.getServerSocketFactory()
                .createServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            listener.setNeedClientAuth(true);
            listener.setSoTimeout(10_000);
            Future<String> accepted = server.submit(() -> {
                try (SSLSocket socket = (SSLSocket) listener.accept()) {
                    socket.setSoTimeout(10_000);
                    socket.startHandshake();
                    String seen = PeerIds.of((X509Certificate) socket.getSession().getPeerCertificates()[0]);
                    socket.getOutputStream().write(1);
                    socket.getOutputStream().flush();
                    return seen;
                }
            });
            Throwable clientError = null;
            try (SSLSocket client = (SSLSocket) clientContext.getSocketFactory()
                    .createSocket(InetAddress.getLoopbackAddress(), listener.getLocalPort())) {
                client.setSoTimeout(10_000);
                client.startHandshake();
                // In TLS 1.3 the server judges the client's certificate after the client has finished.
                if (client.getInputStream().read() != 1) {
                    throw new IOException("connection closed by the server");
                }
            } catch (IOException e) {
                clientError = e;
            }
            try {
                return new Outcome(accepted.get(10, TimeUnit.SECONDS), null, clientError);
            } catch (ExecutionException e) {
                return new Outcome(null, e.getCause(), clientError);
            }
        }
    }

    private PeerIdentityService peer(String name) throws IOException {
        return new PeerIdentityService(VaultFixture.create(folder.newFolder(name).toPath()),
                Configs.of(PeerIdentityService.Config.class));
    }

    private static SSLContext context(PeerIdentityService identity, TrustStore trust) throws Exception {
        SSLContext context = SSLContext.getInstance("TLSv1.3");
        context.init(new KeyManager[] {identity.keyManager()}, new TrustManager[] {trust.trustManager()}, null);
        return context;
    }

    private static String messages(Throwable e) {
        assertNotNull("an error was expected", e);
        StringBuilder all = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            all.append(t).append('\n');
        }
        return all.toString();
    }
}
