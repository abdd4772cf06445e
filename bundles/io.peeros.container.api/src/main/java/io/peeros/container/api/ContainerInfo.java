package io.peeros.container.api;

import java.net.InetAddress;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What a peer knows about one of its containers at one instant. Immutable.
 *
 * @param name the container name
 * @param state the run state
 * @param pid the host PID of the container's init process, or 0 when it is not active
 * @param addresses the container's global addresses (loopback and link-local left out), empty when stopped
 * @param template the template the container descends from, or {@code null} if unknown
 * @param origin the container this one is a copy-on-write clone of, or {@code null}
 * @param created when the container was created
 * @param hostname the hostname the container has (or gets at its next start)
 * @param ports the host ports forwarded to the container, sorted by protocol and host port
 * @param attachments the container's interfaces on other layer-2 networks (see
 *        {@link ContainerManager#attach}) by interface name inside the container ({@code eth1}...), sorted by
 *        that name; what the container's config holds, whether it runs or not (since 1.2)
 */
public record ContainerInfo(String name, ContainerState state, int pid, List<InetAddress> addresses,
        String template, String origin, Instant created, String hostname, List<PortMapping> ports,
        Map<String, NetworkAttachment> attachments) {

    public ContainerInfo {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(state, "state");
        addresses = List.copyOf(addresses);
        Objects.requireNonNull(created, "created");
        hostname = hostname == null ? name : hostname;
        ports = List.copyOf(ports);
        attachments = Collections.unmodifiableMap(new TreeMap<>(attachments));
    }

    /** A container without attachments to other networks (the 1.1 shape). */
    public ContainerInfo(String name, ContainerState state, int pid, List<InetAddress> addresses, String template,
            String origin, Instant created, String hostname, List<PortMapping> ports) {
        this(name, state, pid, addresses, template, origin, created, hostname, ports, Map.of());
    }

    /** A container whose hostname is its name and that has no port mappings (the 1.0 shape). */
    public ContainerInfo(String name, ContainerState state, int pid, List<InetAddress> addresses, String template,
            String origin, Instant created) {
        this(name, state, pid, addresses, template, origin, created, name, List.of(), Map.of());
    }

    /** The template name, if known. */
    public Optional<String> templateName() {
        return Optional.ofNullable(template);
    }

    /** The clone source, if this container is a clone. */
    public Optional<String> originName() {
        return Optional.ofNullable(origin);
    }
}
