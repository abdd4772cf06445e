package io.peeros.rest.internal.dto;

/**
 * A signed archive a peer keeps and serves.
 *
 * @param version the PeerOS version it holds
 * @param publisher the signing key's id
 * @param size bytes
 * @param sha256 the archive file's SHA-256, hex
 */
public record AvailableUpgradeDto(String version, String publisher, long size, String sha256) {
}
