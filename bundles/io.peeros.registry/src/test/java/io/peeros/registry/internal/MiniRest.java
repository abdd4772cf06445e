package io.peeros.registry.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsExchange;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import io.peeros.identity.api.PeerIdentity;
import io.peeros.identity.api.TrustService;
import io.peeros.registry.api.RegistryException;
import io.peeros.registry.api.protocol.ConfirmMessage;
import io.peeros.registry.api.protocol.PeerProtocol;
import io.peeros.registry.api.protocol.RegistrationMessage;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.security.GeneralSecurityException;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * A stand-in for the REST layer: the public port asks for any client certificate, the peer port requires a
 * trusted one, and both hand the caller's certificate to {@link PeerProtocol}; refusals become
 * {@code {"code","message","status"}} bodies.
 */
final class MiniRest implements AutoCloseable {

    private static final Pattern CONFIRM = Pattern.compile("/api/v1/p2p/registrations/([0-9a-f]+)/(confirm|reject)");

    private final ObjectMapper json = new ObjectMapper();
    private final Supplier<PeerProtocol> protocol;
    private final HttpsServer publicServer;
    private final HttpsServer peerServer;

    MiniRest(PeerIdentity identity, TrustService trust, Supplier<PeerProtocol> protocol) {
        this.protocol = protocol;
        this.publicServer = server(identity, new AnyClient(), false);
        this.peerServer = server(identity, trust.trustManager(), true);
    }

    URI publicUrl() {
        return URI.create("https://127.0.0.1:" + publicServer.getAddress().getPort());
    }

    URI peerUrl() {
        return URI.create("https://127.0.0.1:" + peerServer.getAddress().getPort());
    }

    @Override
    public void close() {
        publicServer.stop(0);
        peerServer.stop(0);
    }

    private HttpsServer server(PeerIdentity identity, TrustManager trustManager, boolean mutual) {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(new KeyManager[] {identity.keyManager()}, new TrustManager[] {trustManager}, null);
            HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.setHttpsConfigurator(new HttpsConfigurator(context) {
                @Override
                public void configure(HttpsParameters params) {
                    SSLParameters parameters = context.getDefaultSSLParameters();
                    if (mutual) {
                        parameters.setNeedClientAuth(true);
                    } else {
                        parameters.setWantClientAuth(true);
                    }
                    params.setSSLParameters(parameters);
                }
            });
            server.createContext("/", exchange -> handle(exchange, mutual));
            server.start();
            return server;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private void handle(HttpExchange exchange, boolean mutual) throws IOException {
        String path = exchange.getRequestURI().getPath();
        byte[] body = exchange.getRequestBody().readAllBytes();
        X509Certificate caller = caller((HttpsExchange) exchange);
        try {
            Object answer;
            Matcher m = CONFIRM.matcher(path);
            if (!mutual && path.equals("/api/v1/p2p/registrations")) {
                answer = protocol.get().onRegistration(json.readValue(body, RegistrationMessage.class), caller);
            } else if (!mutual && m.matches() && m.group(2).equals("confirm")) {
                answer = protocol.get().onConfirm(m.group(1), json.readValue(body, ConfirmMessage.class), caller);
            } else if (!mutual && m.matches()) {
                protocol.get().onReject(m.group(1), caller);
                answer = null;
            } else if (mutual && path.equals("/api/v1/p2p/heartbeat")) {
                answer = protocol.get().onHeartbeat(caller);
            } else if (mutual && path.equals("/api/v1/p2p/unregister")) {
                protocol.get().onUnregister(caller);
                answer = null;
            } else {
                answer = Map.of("code", "NOT_FOUND", "message", path, "status", 404);
                send(exchange, 404, json.writeValueAsBytes(answer));
                return;
            }
            if (answer == null) {
                exchange.sendResponseHeaders(204, -1);
                exchange.close();
            } else {
                send(exchange, 200, json.writeValueAsBytes(answer));
            }
        } catch (RegistryException e) {
            send(exchange, 409, json.writeValueAsBytes(Map.of("code", e.code(), "message", e.getMessage(),
                    "status", 409)));
        }
    }

    private static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static X509Certificate caller(HttpsExchange exchange) {
        try {
            Certificate[] chain = exchange.getSSLSession().getPeerCertificates();
            return (X509Certificate) chain[0];
        } catch (SSLPeerUnverifiedException e) {
            return null;
        }
    }

    /** The public port takes any client certificate; the protocol checks it against the message. */
    private static final class AnyClient extends X509ExtendedTrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            throw new CertificateException("server side only");
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
                throws CertificateException {
            throw new CertificateException("server side only");
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                throws CertificateException {
            throw new CertificateException("server side only");
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
