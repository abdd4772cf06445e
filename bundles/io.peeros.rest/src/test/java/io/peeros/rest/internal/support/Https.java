package io.peeros.rest.internal.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.stream.Stream;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManager;

/** A java.net.http client over real TLS that trusts exactly the server's certificate. */
public final class Https {

    private final HttpClient client;

    private Https(HttpClient client) {
        this.client = client;
    }

    /**
     * @param server the server certificate to trust
     * @param clientKey the client certificate to present, {@code null} for none
     * @param protocols the TLS versions to offer, none for the JDK's defaults
     */
    public static Https client(X509Certificate server, TestKey clientKey, String... protocols) {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            KeyManager[] keys = clientKey == null ? null : new KeyManager[] {clientKey.keyManager()};
            context.init(keys, new TrustManager[] {new PinnedTrustManager(server)}, null);
            SSLParameters parameters = new SSLParameters();
            if (protocols.length > 0) {
                parameters.setProtocols(protocols);
            }
            return new Https(HttpClient.newBuilder().sslContext(context).sslParameters(parameters)
                    .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Sends a request; {@code body} as JSON when not null, {@code token} as bearer when not null. */
    public Answer send(String method, URI uri, String body, String token) throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10))
                .header("Accept", "application/json");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body));
        return send(request.build());
    }

    public Answer send(HttpRequest request) throws IOException {
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.headers(), response.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    /** Sends a request and hands back the body line by line as it arrives, for event streams. */
    public HttpResponse<Stream<String>> lines(HttpRequest request) throws IOException {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofLines());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    /** Sends a request and answers the body as bytes. */
    public HttpResponse<byte[]> bytes(HttpRequest request) throws IOException {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }
}
