package io.peeros.rest.internal.dto;

import java.util.List;

/**
 * Where a build would put one container.
 *
 * @param name its container name
 * @param hostname its hostname
 * @param group its blueprint group
 * @param peerId the peer chosen for it
 * @param peerName that peer's name
 * @param address its address with the prefix
 * @param template its template
 * @param cpuPercent its CPU limit in percent of one CPU, or null for none
 * @param memoryBytes its memory limit, or null for none
 * @param diskBytes its disk limit, or null for none
 * @param ports the host ports of the chosen peer that will be forwarded to it
 */
public record PlannedContainerDto(String name, String hostname, String group, String peerId, String peerName,
        String address, String template, Integer cpuPercent, Long memoryBytes, Long diskBytes,
        List<PortMappingDto> ports) {
}
