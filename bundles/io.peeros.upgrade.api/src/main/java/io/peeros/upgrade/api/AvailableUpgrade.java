package io.peeros.upgrade.api;

/**
 * A signed archive this peer keeps in its upgrade store and serves to the peers that trust it.
 *
 * @param version the PeerOS version it holds
 * @param publisher the id of the key that signed it (SHA-256 of the public key, hex)
 * @param size the archive's size in bytes
 * @param sha256 the SHA-256 of the archive file, hex
 */
public record AvailableUpgrade(String version, String publisher, long size, String sha256) {
}
