package io.peeros.rest.internal.dto;

/** A user without credentials; {@code created} is ISO-8601. */
public record UserDto(String name, String role, String created) {
}
