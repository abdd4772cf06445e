package io.peeros.rest.internal.dto;

/** {@code POST /containers/{name}/clone}: the name of the copy-on-write clone. */
public record CloneDto(String name) {
}
