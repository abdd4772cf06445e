package io.peeros.rest.internal.dto;

/**
 * A bearer token for {@code Authorization: Bearer <token>}.
 *
 * @param expires ISO-8601 instant after which it is refused
 * @param role the role it carries: {@code admin}, {@code operator} or {@code viewer}
 */
public record TokenDto(String token, String expires, String role) {

    @Override
    public String toString() {
        return "TokenDto[token=***, expires=" + expires + ", role=" + role + "]";
    }
}
