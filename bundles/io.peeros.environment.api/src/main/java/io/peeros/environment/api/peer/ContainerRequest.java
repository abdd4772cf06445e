package io.peeros.environment.api.peer;

import io.peeros.container.api.Quota;
import java.util.Objects;

/**
 * One container a peer is asked to make for an environment.
 *
 * @param name the container name on that peer
 * @param hostname its hostname
 * @param template the template to make it from (must be present on that peer)
 * @param quota its limits ({@link Quota#NONE} for none)
 * @param address its address in the environment's subnet, with the prefix ({@code 10.200.7.5/24})
 */
public record ContainerRequest(String name, String hostname, String template, Quota quota, String address) {

    public ContainerRequest {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(hostname, "hostname");
        Objects.requireNonNull(template, "template");
        Objects.requireNonNull(quota, "quota");
        Objects.requireNonNull(address, "address");
    }
}
