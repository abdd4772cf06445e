package io.peeros.rest.internal.dto;

/**
 * An incoming registration waiting for approval; see {@link io.peeros.registry.api.RegistrationRequest}.
 * Instants are ISO-8601.
 */
public record RegistrationRequestDto(String peerId, String name, String publicUrl, String certificateFingerprint,
        String received, String expires, int triesLeft) {
}
