package io.peeros.rest.internal.dto;

/** {@code PUT /containers/{name}/hostname}: dot-separated lower-case labels, at most 64 characters. */
public record HostnameDto(String hostname) {
}
