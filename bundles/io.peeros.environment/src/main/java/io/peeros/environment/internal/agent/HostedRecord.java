package io.peeros.environment.internal.agent;

import io.peeros.environment.api.peer.HostedEnvironment;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What this peer keeps about an environment it hosts a part of. A container is listed before it is made, so a
 * crash in between leaves a name to clean rather than an orphan.
 */
record HostedRecord(String environmentId, String name, String builderPeerId, String subnet, Set<String> members,
        List<String> containers) {

    HostedRecord {
        Objects.requireNonNull(environmentId, "environmentId");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(builderPeerId, "builderPeerId");
        Objects.requireNonNull(subnet, "subnet");
        members = Set.copyOf(members);
        containers = List.copyOf(containers);
    }

    HostedRecord withMembers(Set<String> newMembers) {
        return new HostedRecord(environmentId, name, builderPeerId, subnet, newMembers, containers);
    }

    HostedRecord withContainer(String container) {
        if (containers.contains(container)) {
            return this;
        }
        List<String> more = new ArrayList<>(containers);
        more.add(container);
        return new HostedRecord(environmentId, name, builderPeerId, subnet, members, more);
    }

    HostedRecord withoutContainer(String container) {
        List<String> fewer = new ArrayList<>(containers);
        fewer.remove(container);
        return new HostedRecord(environmentId, name, builderPeerId, subnet, members, fewer);
    }

    HostedEnvironment toApi() {
        return new HostedEnvironment(environmentId, name, builderPeerId, subnet, containers);
    }
}
