package io.peeros.environment.api.peer;

import io.peeros.container.api.PortMapping;
import io.peeros.container.api.Quota;
import java.util.List;
import java.util.Objects;

/**
 * One container a peer is asked to make for an environment.
 *
 * @param name the container name on that peer
 * @param hostname its hostname
 * @param template the template to make it from, {@code name} (the newest version) or {@code name:version}
 * @param quota its limits ({@link Quota#NONE} for none)
 * @param address its address in the environment's subnet, with the prefix ({@code 10.200.7.5/24})
 * @param templateSources the peers that have the template, best first: where the peer fetches it from when it
 *     lacks it (empty when it must have it already; {@code null}, as from a builder that predates the field, is
 *     empty)
 * @param ports the host ports of the peer to forward to the container (each mapping's {@code container} is
 *     {@code name}); empty for none, and {@code null}, as from a builder that predates the field, is empty
 *     (since 1.3)
 */
public record ContainerRequest(String name, String hostname, String template, Quota quota, String address,
        List<String> templateSources, List<PortMapping> ports) {

    public ContainerRequest {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(hostname, "hostname");
        Objects.requireNonNull(template, "template");
        Objects.requireNonNull(quota, "quota");
        Objects.requireNonNull(address, "address");
        templateSources = templateSources == null ? List.of() : List.copyOf(templateSources);
        ports = ports == null ? List.of() : List.copyOf(ports);
    }

    /** A request without port mappings. */
    public ContainerRequest(String name, String hostname, String template, Quota quota, String address,
            List<String> templateSources) {
        this(name, hostname, template, quota, address, templateSources, List.of());
    }

    /** A request for a template the peer must have already. */
    public ContainerRequest(String name, String hostname, String template, Quota quota, String address) {
        this(name, hostname, template, quota, address, List.of(), List.of());
    }
}
