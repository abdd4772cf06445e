package io.peeros.rest.internal.dto;

/** {@code POST /peers/{id}/approve}: the code the requesting peer's owner showed. */
public record ApprovalDto(String code) {
}
