package io.peeros.rest.internal.dto;

/** {@code POST /users}: {@code role} is {@code admin}, {@code operator} or {@code viewer}. */
public record NewUserDto(String name, String password, String role) {

    @Override
    public String toString() {
        return "NewUserDto[name=" + name + ", password=***, role=" + role + "]";
    }
}
