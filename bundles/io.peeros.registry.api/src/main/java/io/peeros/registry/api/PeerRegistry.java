package io.peeros.registry.api;

import java.net.URI;
import java.util.List;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Registration with other peers and the list of known peers. A registration makes two peers trust each
 * other's certificates; from then on they call each other only over mutual TLS. Every method that takes
 * a peer id also accepts a unique prefix of at least 8 characters.
 *
 * <p>Codes used here: {@code URL_INVALID}, {@code PEER_UNREACHABLE}, {@code PEER_IS_SELF},
 * {@code ALREADY_REGISTERED}, {@code REQUEST_PENDING}, {@code PEER_UNKNOWN}, {@code PEER_AMBIGUOUS},
 * {@code CODE_WRONG}, {@code CODE_EXPIRED}, {@code TRIES_EXHAUSTED}, {@code REMOTE_REFUSED}.
 */
@ProviderType
public interface PeerRegistry {

    /** This peer: id, name, version, URLs, fingerprint and capacity. */
    PeerInfo localInfo();

    /**
     * Asks the peer at {@code url} (its public HTTPS URL) to register with this one.
     *
     * @return the pending registration with the code to give to the remote owner
     * @throws RegistryException when the URL is malformed, the peer cannot be reached, is this peer, is
     *     already registered, or refuses
     */
    OutgoingRegistration register(URI url);

    /** Incoming requests waiting for approval, oldest first. */
    List<RegistrationRequest> requests();

    /**
     * Approves an incoming request with the code its owner showed. The code is checked by the requesting
     * peer; on success both sides trust each other. A wrong code creates no trust on either side and uses
     * up one try.
     *
     * @return the newly approved peer
     */
    RemotePeer approve(String peerId, String code);

    /** Rejects an incoming request and tells the requesting peer (best effort). */
    void reject(String peerId);

    /** Ends a registration: removes trust here and asks the remote peer to do the same. */
    void unregister(String peerId);

    /** All known peers in any state, sorted by name. */
    List<RemotePeer> peers();

    /** One known peer. */
    Optional<RemotePeer> peer(String peerId);
}
