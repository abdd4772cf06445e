package io.peeros.rest.internal.dto;

/**
 * Every error the API answers with.
 *
 * @param code a stable code, such as {@code PEER_UNKNOWN}; scripts may test it
 * @param message what is wrong, in words for a person
 * @param status the HTTP status, repeated for clients that only see the body
 */
public record ErrorDto(String code, String message, int status) {
}
