package io.peeros.rest.internal.dto;

/**
 * {@code POST /containers}: the new container's name (a DNS label) and its template, as {@code name} for the
 * newest version or {@code name:version}.
 */
public record NewContainerDto(String name, String template) {
}
