package io.peeros.rest.internal.dto;

/** {@code POST /peers}: the public HTTPS URL of the peer to register with. */
public record RegisterPeerDto(String url) {
}
