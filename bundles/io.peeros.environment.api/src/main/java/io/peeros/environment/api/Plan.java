package io.peeros.environment.api;

import java.util.List;
import java.util.Objects;

/**
 * What a build would do: {@code env:build --dry-run} prints it, and a build carries it out.
 *
 * @param environmentId the id the environment (and its swarm) will have
 * @param blueprint the blueprint, variables filled in
 * @param subnet the subnet reserved for it
 * @param containers every container with its peer, address and quota, in creation order
 */
public record Plan(String environmentId, Blueprint blueprint, String subnet, List<PlannedContainer> containers) {

    public Plan {
        Objects.requireNonNull(environmentId, "environmentId");
        Objects.requireNonNull(blueprint, "blueprint");
        Objects.requireNonNull(subnet, "subnet");
        containers = List.copyOf(containers);
    }

    /** The peers the plan uses, in order of first appearance. */
    public List<String> peerIds() {
        return containers.stream().map(c -> c.container().peerId()).distinct().toList();
    }
}
