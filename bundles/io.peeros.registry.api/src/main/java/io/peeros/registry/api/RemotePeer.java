package io.peeros.registry.api;

import java.net.URI;
import java.time.Instant;

/**
 * A peer known to this one, in any state.
 *
 * @param id its peer id
 * @param name its name as it reported it
 * @param publicUrl its user-facing HTTPS URL
 * @param peerUrl its mutual-TLS URL
 * @param state where it stands
 * @param direction which side asked for the registration
 * @param certificateFingerprint SHA-256 of the certificate recorded for it
 * @param since when it entered its current state
 * @param lastSeen when it last answered a heartbeat or a call; {@code null} if never
 */
public record RemotePeer(String id, String name, URI publicUrl, URI peerUrl, PeerState state,
        Direction direction, String certificateFingerprint, Instant since, Instant lastSeen) {
}
