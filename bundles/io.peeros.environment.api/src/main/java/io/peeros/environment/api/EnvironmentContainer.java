package io.peeros.environment.api;

import io.peeros.container.api.PortMapping;
import java.util.List;
import java.util.Objects;

/**
 * One container of an environment.
 *
 * @param name the container's name on its peer (unique on that peer)
 * @param hostname the name the other containers of the environment reach it by
 * @param group the blueprint group it belongs to
 * @param peerId the peer that hosts it
 * @param address its IPv4 address in the environment's subnet, with the prefix ({@code 10.200.7.5/24})
 * @param template the template it was made from
 * @param ports the host ports of its peer forwarded to it, from its group's exposed TCP and UDP ports: reachable
 *        on the peer's addresses at {@code hostPort}; empty for none ({@code null}, as recorded before the field,
 *        is empty) (since 1.3)
 */
public record EnvironmentContainer(String name, String hostname, String group, String peerId, String address,
        String template, List<PortMapping> ports) {

    public EnvironmentContainer {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(hostname, "hostname");
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(peerId, "peerId");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(template, "template");
        ports = ports == null ? List.of() : List.copyOf(ports);
    }

    /** A container with no port mappings. */
    public EnvironmentContainer(String name, String hostname, String group, String peerId, String address,
            String template) {
        this(name, hostname, group, peerId, address, template, List.of());
    }
}
