package io.peeros.rest.internal.dto;

/**
 * An upgrade from an archive this peer keeps ({@code version}) or that a registered peer serves
 * ({@code fromPeer}, and optionally {@code version}; the newest when absent).
 *
 * @param version the version to install
 * @param fromPeer the full id of the peer to download from, or {@code null}
 * @param dryRun verify and simulate only
 */
public record UpgradeRequestDto(String version, String fromPeer, boolean dryRun) {
}
