package io.peeros.registry.internal.transport;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.peeros.identity.api.PeerIdentity;
import io.peeros.identity.api.PeerIds;
import io.peeros.identity.api.TrustService;
import io.peeros.registry.api.PeerInfo;
import io.peeros.registry.api.RegistryException;
import io.peeros.registry.api.protocol.ConfirmMessage;
import io.peeros.registry.api.protocol.ConfirmReply;
import io.peeros.registry.api.protocol.RegistrationMessage;
import io.peeros.registry.api.protocol.RegistrationReply;
import io.peeros.registry.internal.Certificates;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import javax.net.ssl.TrustManager;

/**
 * {@link PeerTransport} on {@link HttpClient} and Jackson. One client per kind of trust: first contact
 * (any server certificate, captured) and mutual TLS (the trust service). Pinned calls get a client of
 * their own: a shared client could hand them a pooled connection authenticated under another pin. For the
 * same reason {@link #call} and {@link #download} keep one client per peer id, whose handshake accepts only that
 * peer.
 */
public final class HttpPeerTransport implements PeerTransport {

    private static final int MAX_BODY = 1 << 20;
    private static final int MAX_CALL_BODY = 16 << 20;
    private static final String P2P = "/api/v1/p2p/";
    private static final int MAX_REMOTE_MESSAGE = 500;

    private final PeerIdentity identity;
    private final Duration connectTimeout;
    private final Duration requestTimeout;
    private final ExecutorService executor;
    private final HttpClient firstContact;
    private final HttpClient mutual;
    private final TrustService trust;
    private final Map<String, HttpClient> perPeer = new ConcurrentHashMap<>();
    private final ObjectMapper json = new ObjectMapper()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    public HttpPeerTransport(PeerIdentity identity, TrustService trust, Duration connectTimeout,
            Duration requestTimeout) {
        this.identity = identity;
        this.trust = trust;
        this.connectTimeout = connectTimeout;
        this.requestTimeout = requestTimeout;
        AtomicInteger threads = new AtomicInteger();
        this.executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "peeros-registry-http-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.firstContact = client(new FirstContactTrustManager());
        this.mutual = client(new PeerTrustManager(trust.trustManager()));
    }

    @Override
    public Registered register(URI publicUrl, RegistrationMessage message) {
        URI url = join(publicUrl, REGISTRATIONS);
        Answer answer = send(firstContact, post(url, message), url);
        return new Registered(read(answer, RegistrationReply.class, url), answer.serverCertificate(url));
    }

    @Override
    public ConfirmReply confirm(URI publicUrl, String requestId, ConfirmMessage message, X509Certificate pinned) {
        URI url = join(publicUrl, REGISTRATIONS + "/" + requestId + "/confirm");
        Answer answer = sendPinned(post(url, message), url, pinned);
        return read(answer, ConfirmReply.class, url);
    }

    @Override
    public void reject(URI publicUrl, String requestId, X509Certificate pinned) {
        URI url = join(publicUrl, REGISTRATIONS + "/" + requestId + "/reject");
        sendPinned(post(url, null), url, pinned);
    }

    @Override
    public Alive heartbeat(URI peerUrl) {
        URI url = join(peerUrl, HEARTBEAT);
        Answer answer = send(mutual, request(url).GET().build(), url);
        return new Alive(read(answer, PeerInfo.class, url), answer.serverCertificate(url));
    }

    @Override
    public void unregister(URI peerUrl) {
        URI url = join(peerUrl, UNREGISTER);
        send(mutual, post(url, null), url);
    }

    @Override
    public byte[] call(URI peerUrl, String peerId, String method, String path, byte[] jsonBody,
            Duration timeout) {
        URI url = p2pUrl(peerUrl, peerId, path);
        HttpRequest.BodyPublisher body = jsonBody == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofByteArray(jsonBody);
        HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(timeout)
                .header("Accept", "application/json").method(method, body);
        if (jsonBody != null) {
            request.header("Content-Type", "application/json");
        }
        Answer answer = send(peerClient(peerId), request.build(), url, MAX_CALL_BODY);
        checkPeer(answer.serverCertificate(url), url, peerId);
        return answer.body();
    }

    @Override
    public void download(URI peerUrl, String peerId, String path, Path target, long maxBytes, Duration timeout) {
        URI url = p2pUrl(peerUrl, peerId, path);
        HttpRequest request = HttpRequest.newBuilder(url).timeout(timeout)
                .header("Accept", "application/octet-stream, application/json").GET().build();
        boolean done = false;
        try {
            HttpResponse<InputStream> response = peerClient(peerId).send(request,
                    HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream in = response.body()) {
                if (response.statusCode() / 100 != 2) {
                    throw remoteError(url, response.statusCode(), in.readNBytes(MAX_BODY));
                }
                checkPeer(new Answer(null, response.sslSession()).serverCertificate(url), url, peerId);
                long declared = response.headers().firstValueAsLong("Content-Length").orElse(-1);
                if (declared > maxBytes) {
                    throw tooLarge(url, maxBytes);
                }
                try (OutputStream out = Files.newOutputStream(target)) {
                    copy(in, out, maxBytes, url);
                }
            }
            done = true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RegistryException("PEER_UNREACHABLE", "Interrupted while downloading " + url + ".", e);
        } catch (IOException | IllegalStateException | RejectedExecutionException e) {
            throw new RegistryException("PEER_UNREACHABLE", "Cannot download from the peer at " + url + ": "
                    + describe(e, request) + ".", e);
        } finally {
            if (!done) {
                deleteQuietly(target);
            }
        }
    }

    private URI p2pUrl(URI peerUrl, String peerId, String path) {
        try {
            return join(peerUrl, P2P + path);
        } catch (IllegalArgumentException e) {
            throw new RegistryException("PEER_UNREACHABLE", "Cannot call '" + path + "' on peer " + peerId + ": "
                    + e.getMessage(), e);
        }
    }

    private HttpClient peerClient(String peerId) {
        return perPeer.computeIfAbsent(peerId, id -> client(new PeerIdTrustManager(trust.trustManager(), id)));
    }

    /** Checked in the handshake already; checked again so no answer from another peer is ever used. */
    private static void checkPeer(X509Certificate server, URI url, String peerId) {
        if (!PeerIds.of(server).equals(peerId)) {
            throw new RegistryException("PEER_UNREACHABLE", "The server at " + url + " is peer "
                    + PeerIds.of(server) + ", not " + peerId + ".");
        }
    }

    private static void copy(InputStream in, OutputStream out, long maxBytes, URI url) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        long total = 0;
        for (int n; (n = in.read(buffer)) >= 0;) {
            total += n;
            if (total > maxBytes) {
                throw tooLarge(url, maxBytes);
            }
            out.write(buffer, 0, n);
        }
    }

    private static RegistryException tooLarge(URI url, long maxBytes) {
        return new RegistryException("REMOTE_REFUSED", "The peer at " + url + " answered with more than "
                + maxBytes + " bytes.");
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // the download failed already; a leftover partial file is the caller's temp file to clean
        }
    }

    /** Java 17's HttpClient cannot be closed; stopping its executor ends our threads and fails late calls. */
    @Override
    public void close() {
        executor.shutdownNow();
    }

    private Answer sendPinned(HttpRequest request, URI url, X509Certificate pinned) {
        Answer answer = send(client(new PinnedTrustManager(pinned)), request, url);
        if (!Certificates.sameDer(answer.serverCertificate(url), pinned)) {
            throw new RegistryException("PEER_UNREACHABLE", "The peer at " + url
                    + " did not present the certificate pinned for this registration.");
        }
        return answer;
    }

    private HttpClient client(TrustManager trustManager) {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(new KeyManager[] {identity.keyManager()}, new TrustManager[] {trustManager}, null);
            SSLParameters parameters = new SSLParameters();
            parameters.setProtocols(new String[] {"TLSv1.3", "TLSv1.2"});
            return HttpClient.newBuilder().sslContext(context).sslParameters(parameters)
                    .version(HttpClient.Version.HTTP_1_1).connectTimeout(connectTimeout)
                    .followRedirects(HttpClient.Redirect.NEVER).executor(executor).build();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot set up TLS for peer calls", e);
        }
    }

    private HttpRequest.Builder request(URI url) {
        return HttpRequest.newBuilder(url).timeout(requestTimeout).header("Accept", "application/json");
    }

    private HttpRequest post(URI url, Object body) {
        try {
            byte[] bytes = body == null ? new byte[0] : json.writeValueAsBytes(body);
            return request(url).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(bytes)).build();
        } catch (IOException e) {
            throw new IllegalStateException("Cannot encode " + body.getClass().getSimpleName(), e);
        }
    }

    private Answer send(HttpClient client, HttpRequest request, URI url) {
        return send(client, request, url, MAX_BODY);
    }

    private Answer send(HttpClient client, HttpRequest request, URI url, int maxBody) {
        try {
            HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
            byte[] body;
            try (InputStream in = response.body()) {
                body = in.readNBytes(maxBody + 1);
            }
            if (body.length > maxBody) {
                throw new RegistryException("REMOTE_REFUSED", "The peer at " + url + " answered with more than "
                        + maxBody + " bytes.");
            }
            if (response.statusCode() / 100 != 2) {
                throw remoteError(url, response.statusCode(), body);
            }
            return new Answer(body, response.sslSession());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RegistryException("PEER_UNREACHABLE", "Interrupted while calling " + url + ".", e);
        } catch (IOException | IllegalStateException | RejectedExecutionException e) {
            throw new RegistryException("PEER_UNREACHABLE", "Cannot reach the peer at " + url + ": "
                    + describe(e, request) + ".", e);
        }
    }

    private <T> T read(Answer answer, Class<T> type, URI url) {
        try {
            return json.readValue(answer.body(), type);
        } catch (IOException e) {
            throw new RegistryException("REMOTE_REFUSED", "The peer at " + url + " answered with something that "
                    + "is not a " + type.getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    private RegistryException remoteError(URI url, int status, byte[] body) {
        String code = null;
        String message = null;
        try {
            JsonNode node = json.readTree(body);
            if (node != null && node.isObject()) {
                code = text(node.get("code"));
                message = text(node.get("message"));
            }
        } catch (IOException e) {
            // not a JSON error body: answered below with the status alone
        }
        if (code == null || !code.matches("[A-Z][A-Z0-9_]{0,63}")) {
            return new RegistryException("REMOTE_REFUSED", "The peer at " + url + " refused (HTTP " + status + ")"
                    + (message == null ? "." : ": " + message));
        }
        return new RegistryException(code, message == null ? "The peer at " + url + " refused (HTTP " + status
                + ", " + code + ")." : message);
    }

    /** Remote text is shown to the owner: printable characters only, bounded. */
    private static String text(JsonNode node) {
        if (node == null || !node.isTextual()) {
            return null;
        }
        String s = node.asText().replaceAll("\\p{Cntrl}", " ").strip();
        if (s.isEmpty()) {
            return null;
        }
        return s.length() > MAX_REMOTE_MESSAGE ? s.substring(0, MAX_REMOTE_MESSAGE) + "…" : s;
    }

    private String describe(Exception e, HttpRequest request) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SSLException) {
                return "the TLS handshake failed (" + t.getMessage() + ")";
            }
            if (t instanceof HttpTimeoutException) {
                return "no answer in time (connect " + connectTimeout.toMillis() + " ms, request "
                        + request.timeout().map(Duration::toMillis).orElse(requestTimeout.toMillis()) + " ms)";
            }
            if (t instanceof ConnectException) {
                return "the connection was refused or the host is unreachable";
            }
            if (t instanceof UnknownHostException) {
                return "unknown host " + t.getMessage();
            }
        }
        return e.toString();
    }

    static URI join(URI base, String path) {
        String s = base.toString();
        while (s.endsWith("/")) {
            s = s.substring(0, s.length() - 1);
        }
        return URI.create(s + path);
    }

    private record Answer(byte[] body, Optional<SSLSession> session) {

        X509Certificate serverCertificate(URI url) {
            try {
                Certificate[] chain = session.orElseThrow(() -> new SSLPeerUnverifiedException("no TLS session"))
                        .getPeerCertificates();
                return (X509Certificate) chain[0];
            } catch (SSLPeerUnverifiedException | ClassCastException e) {
                throw new RegistryException("PEER_UNREACHABLE", "The peer at " + url
                        + " presented no usable TLS certificate.", e);
            }
        }
    }
}
