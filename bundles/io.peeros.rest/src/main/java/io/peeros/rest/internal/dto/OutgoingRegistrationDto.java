package io.peeros.rest.internal.dto;

/**
 * A registration this peer asked for: give {@code code} to the remote owner out of band, and compare
 * {@code certificateFingerprint} with what they see. {@code expires} is ISO-8601.
 */
public record OutgoingRegistrationDto(String id, String name, String url, String certificateFingerprint,
        String code, String expires) {
}
