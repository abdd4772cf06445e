package io.peeros.rest.internal.dto;

import java.util.List;

/**
 * One container of an environment.
 *
 * @param name its container name on its peer
 * @param hostname the name the environment's containers reach it by
 * @param group its blueprint group
 * @param peerId the peer that hosts it
 * @param address its address with the prefix, e.g. {@code 10.200.7.11/24}
 * @param template the template it was made from
 * @param ports the host ports of its peer forwarded to it (reachable on that peer's addresses)
 */
public record EnvironmentContainerDto(String name, String hostname, String group, String peerId, String address,
        String template, List<PortMappingDto> ports) {
}
