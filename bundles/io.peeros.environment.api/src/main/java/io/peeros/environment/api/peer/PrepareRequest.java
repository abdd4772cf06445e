package io.peeros.environment.api.peer;

import java.util.Objects;
import java.util.Set;

/**
 * The environment a peer is asked to take part in.
 *
 * @param environmentId the environment (and swarm) id
 * @param name the environment's name, for people
 * @param members every peer that hosts part of it (the swarm's members)
 * @param subnet its IPv4 subnet (CIDR)
 */
public record PrepareRequest(String environmentId, String name, Set<String> members, String subnet) {

    public PrepareRequest {
        Objects.requireNonNull(environmentId, "environmentId");
        Objects.requireNonNull(name, "name");
        members = Set.copyOf(members);
        Objects.requireNonNull(subnet, "subnet");
    }
}
