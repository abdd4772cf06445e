package io.peeros.environment.api.peer;

import java.util.List;
import java.util.Objects;

/**
 * An environment this peer hosts a part of.
 *
 * @param environmentId its id
 * @param name its name
 * @param builderPeerId the peer that built it (the only one that may change it here)
 * @param subnet its subnet
 * @param containers the names of its containers on this peer
 */
public record HostedEnvironment(String environmentId, String name, String builderPeerId, String subnet,
        List<String> containers) {

    public HostedEnvironment {
        Objects.requireNonNull(environmentId, "environmentId");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(builderPeerId, "builderPeerId");
        Objects.requireNonNull(subnet, "subnet");
        containers = List.copyOf(containers);
    }
}
