package io.peeros.registry.internal.transport;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsExchange;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import io.peeros.identity.api.PeerIdentity;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManager;

/**
 * A JDK HTTPS server on 127.0.0.1 that presents a peer's certificate, requires a client certificate (any),
 * records which one came with each request, and answers each path with a canned status and body.
 */
public final class TestHttpsServer implements AutoCloseable {

    public final List<X509Certificate> clientCertificates = new CopyOnWriteArrayList<>();
    public final List<String> requestBodies = new CopyOnWriteArrayList<>();
    /** {@code METHOD path} of each request, in order. */
    public final List<String> requestLines = new CopyOnWriteArrayList<>();
    private volatile long delayMillis;
    private final Map<String, Object[]> answers = new ConcurrentHashMap<>();
    private final HttpsServer server;

    public TestHttpsServer(PeerIdentity identity) {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(new KeyManager[] {identity.keyManager()}, new TrustManager[] {new AnyClient()}, null);
            server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
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
                requestBodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
                requestLines.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getRawPath());
                if (delayMillis > 0) {
                    try {
                        Thread.sleep(delayMillis);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                Object[] answer = answers.getOrDefault(exchange.getRequestURI().getPath(),
                        new Object[] {404, "{\"code\":\"NOT_FOUND\",\"message\":\"no such path\"}"});
                byte[] body = ((String) answer[1]).getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders((Integer) answer[0], body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            });
            server.start();
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Answers {@code path} with {@code status} and {@code body}. */
    public TestHttpsServer answer(String path, int status, String body) {
        answers.put(path, new Object[] {status, body});
        return this;
    }

    /** Waits {@code millis} before answering each request: a peer that hangs. */
    public TestHttpsServer delay(long millis) {
        delayMillis = millis;
        return this;
    }

    public URI url() {
        return URI.create("https://127.0.0.1:" + server.getAddress().getPort());
    }

    @Override
    public void close() {
        server.stop(0);
    }

    /** Accepts any client certificate; the handler records which one came. */
    private static final class AnyClient extends HostAgnosticTrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            throw new CertificateException("server side only");
        }
    }
}
