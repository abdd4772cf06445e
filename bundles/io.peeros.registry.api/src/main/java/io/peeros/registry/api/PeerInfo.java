package io.peeros.registry.api;

import java.net.URI;

/**
 * What a peer reports about itself.
 *
 * @param id the peer id (SHA-256 of its public key)
 * @param name a human name chosen by its owner
 * @param version the PeerOS version it runs
 * @param publicUrl where users and registering peers reach it (HTTPS, port 8443 by default)
 * @param peerUrl where approved peers reach it over mutual TLS (port 8444 by default)
 * @param certificateFingerprint SHA-256 of its current TLS certificate, colon-separated upper-case hex
 * @param cpuCores the number of CPU cores
 * @param ramBytes total memory
 * @param freeRamBytes memory available for new containers
 * @param diskBytes total size of the file system holding containers
 * @param freeDiskBytes free space on that file system
 * @param loadAverage the one-minute load average
 */
public record PeerInfo(String id, String name, String version, URI publicUrl, URI peerUrl,
        String certificateFingerprint, int cpuCores, long ramBytes, long freeRamBytes, long diskBytes,
        long freeDiskBytes, double loadAverage) {
}
