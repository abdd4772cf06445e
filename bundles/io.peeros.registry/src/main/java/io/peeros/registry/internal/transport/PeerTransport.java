package io.peeros.registry.internal.transport;

import io.peeros.registry.api.PeerInfo;
import io.peeros.registry.api.protocol.ConfirmMessage;
import io.peeros.registry.api.protocol.ConfirmReply;
import io.peeros.registry.api.protocol.RegistrationMessage;
import io.peeros.registry.api.protocol.RegistrationReply;
import java.net.URI;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;

/**
 * The calling side of the peer protocol. Every call presents this peer's certificate as TLS client
 * certificate. Failures are {@link io.peeros.registry.api.RegistryException}s: {@code PEER_UNREACHABLE}
 * naming the URL when no answer came (including a refused TLS handshake), otherwise the code the remote
 * peer answered with ({@code REMOTE_REFUSED} if it gave none).
 */
public interface PeerTransport extends AutoCloseable {

    String REGISTRATIONS = "/api/v1/p2p/registrations";
    String HEARTBEAT = "/api/v1/p2p/heartbeat";
    String UNREGISTER = "/api/v1/p2p/unregister";

    /**
     * Asks the peer at its public URL to register. Its server certificate is accepted whatever it is, for
     * this exchange only, and returned so the caller can check it against the reply.
     */
    Registered register(URI publicUrl, RegistrationMessage message);

    /** Confirms a registration; the server must present exactly {@code pinned}. */
    ConfirmReply confirm(URI publicUrl, String requestId, ConfirmMessage message, X509Certificate pinned);

    /** Tells a requester its request was refused; the server must present exactly {@code pinned}. */
    void reject(URI publicUrl, String requestId, X509Certificate pinned);

    /** Heartbeat over mutual TLS: the server must be a trusted peer. */
    Alive heartbeat(URI peerUrl);

    /** Ends a registration over mutual TLS. */
    void unregister(URI peerUrl);

    /**
     * Calls {@code method} on {@code path} below {@code /api/v1/p2p/} of the peer at {@code peerUrl} over mutual
     * TLS and returns the answer's body; the server must present the certificate of {@code peerId}.
     */
    byte[] call(URI peerUrl, String peerId, String method, String path, byte[] jsonBody, Duration timeout);

    /**
     * Like {@link #call} with GET, but streams the answer's body into {@code target}, at most {@code maxBytes};
     * {@code target} is deleted on failure.
     */
    void download(URI peerUrl, String peerId, String path, Path target, long maxBytes, Duration timeout);

    /** Releases the clients and their threads. */
    @Override
    void close();

    /** The answer to a registration and the certificate the server presented in the TLS handshake. */
    record Registered(RegistrationReply reply, X509Certificate serverCertificate) {
    }

    /** The answer to a heartbeat and the certificate the server presented in the TLS handshake. */
    record Alive(PeerInfo info, X509Certificate serverCertificate) {
    }
}
