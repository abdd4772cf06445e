package io.peeros.rest.internal.dto;

/** {@code POST /auth/token}: a user name and password. */
public record CredentialsDto(String user, String password) {

    @Override
    public String toString() {
        return "CredentialsDto[user=" + user + ", password=***]";
    }
}
