package io.peeros.rest.internal.dto;

/**
 * A host port forwarded to a container port; see {@link io.peeros.container.api.PortMapping}.
 *
 * @param protocol {@code tcp} or {@code udp}
 */
public record PortMappingDto(String protocol, int hostPort, int containerPort) {
}
