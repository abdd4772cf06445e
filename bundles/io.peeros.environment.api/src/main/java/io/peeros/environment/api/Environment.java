package io.peeros.environment.api;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An environment as the peer that built it records it.
 *
 * @param id a unique id, also the id of its swarm
 * @param name the blueprint's name
 * @param state where it stands
 * @param initiatorPeerId the peer that built it and manages it
 * @param subnet its IPv4 subnet (CIDR)
 * @param containers its containers, ordered by group then hostname
 * @param failure why it failed, for {@link EnvironmentState#FAILED}
 * @param created when the build started
 * @param updated when its state last changed
 */
public record Environment(String id, String name, EnvironmentState state, String initiatorPeerId, String subnet,
        List<EnvironmentContainer> containers, Optional<String> failure, Instant created, Instant updated) {

    public Environment {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(initiatorPeerId, "initiatorPeerId");
        Objects.requireNonNull(subnet, "subnet");
        containers = List.copyOf(containers);
        Objects.requireNonNull(failure, "failure");
        Objects.requireNonNull(created, "created");
        Objects.requireNonNull(updated, "updated");
    }

    /** The peers that host at least one of its containers, in order of first appearance. */
    public List<String> peerIds() {
        return containers.stream().map(EnvironmentContainer::peerId).distinct().toList();
    }
}
