package io.peeros.registry.api;

import java.nio.file.Path;
import java.time.Duration;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Calls approved peers over mutual TLS, for the bundles that have their own peer-to-peer protocol (environments,
 * templates). The server must present the certificate the trust store holds for that very peer id: a call can
 * never reach another peer, even a trusted one, by a wrong or spoofed address.
 */
@ProviderType
public interface PeerClient {

    /**
     * Sends {@code method} to {@code path} below the peer's {@code /api/v1/p2p/} with a JSON body and returns the
     * answer's body (empty for 204).
     *
     * @param peerId the full id of an approved (or offline) peer
     * @param path the path below {@code /api/v1/p2p/}, e.g. {@code environments/env-1/containers}; its segments
     *     are sent as given, so callers encode them
     * @param jsonBody the request body, or {@code null} for none
     * @param timeout how long the whole call may take
     * @throws RegistryException {@code PEER_UNKNOWN} when the peer is not registered, {@code PEER_UNREACHABLE}
     *     when it cannot be reached or presents another certificate, the remote error's own code and message
     *     when it refuses ({@code REMOTE_REFUSED} when the refusal carries no code)
     */
    byte[] call(String peerId, String method, String path, byte[] jsonBody, Duration timeout);

    /**
     * Downloads {@code path} below the peer's {@code /api/v1/p2p/} with GET and streams the answer's body into
     * {@code target}, for answers too large to hold in memory (template archives). Certificate pinning and errors
     * are those of {@link #call}; on any failure {@code target} is deleted.
     *
     * @param peerId the full id of an approved (or offline) peer
     * @param path the path below {@code /api/v1/p2p/}, its segments encoded by the caller
     * @param target the file to write, replaced if it exists
     * @param maxBytes the most the body may have; a larger one is refused with {@code REMOTE_REFUSED}
     * @param timeout how long the whole download may take
     * @since 1.2
     */
    void download(String peerId, String path, Path target, long maxBytes, Duration timeout);
}
