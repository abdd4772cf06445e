package io.peeros.environment.api.peer;

import java.util.Objects;
import java.util.Set;

/**
 * What a peer can take, as it reports it to a builder's planner.
 *
 * @param peerId the peer
 * @param cpuCores its CPU cores
 * @param freeRamBytes memory available for new containers: what the host has available, less the part of the
 *     RAM limits of the containers it hosts for environments that they do not use yet, less what builders hold in
 *     {@link Reservation}s (since 1.4; before, only what the host had available)
 * @param freeDiskBytes free space where containers live, less the unused part of the hosted containers' disk
 *     limits and the reserved disk (since 1.4)
 * @param containers how many containers it hosts
 * @param templates the names of the templates it has
 */
public record Capacity(String peerId, int cpuCores, long freeRamBytes, long freeDiskBytes, int containers,
        Set<String> templates) {

    public Capacity {
        Objects.requireNonNull(peerId, "peerId");
        templates = Set.copyOf(templates);
    }
}
