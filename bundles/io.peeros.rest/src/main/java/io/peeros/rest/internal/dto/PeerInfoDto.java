package io.peeros.rest.internal.dto;

/** This peer, as {@code GET /peer} reports it; see {@link io.peeros.registry.api.PeerInfo}. */
public record PeerInfoDto(String id, String name, String version, String publicUrl, String peerUrl,
        String certificateFingerprint, int cpuCores, long ramBytes, long freeRamBytes, long diskBytes,
        long freeDiskBytes, double loadAverage) {
}
