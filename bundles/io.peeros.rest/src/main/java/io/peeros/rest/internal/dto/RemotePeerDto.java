package io.peeros.rest.internal.dto;

/**
 * A known peer; see {@link io.peeros.registry.api.RemotePeer}.
 *
 * @param state {@code requested}, {@code approved}, {@code rejected}, {@code unregistered} or {@code offline}
 * @param direction {@code outgoing} or {@code incoming}
 * @param since ISO-8601 instant it entered its state
 * @param lastSeen ISO-8601 instant of its last answer, {@code null} if never
 */
public record RemotePeerDto(String id, String name, String publicUrl, String peerUrl, String state,
        String direction, String certificateFingerprint, String since, String lastSeen) {
}
