package io.peeros.rest.internal.dto;

/** {@code PUT /users/{name}/password}: the new password. */
public record PasswordDto(String password) {

    @Override
    public String toString() {
        return "PasswordDto[password=***]";
    }
}
