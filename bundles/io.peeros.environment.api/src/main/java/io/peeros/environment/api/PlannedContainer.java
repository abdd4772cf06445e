package io.peeros.environment.api;

import io.peeros.container.api.Quota;
import java.util.Objects;

/**
 * Where the planner puts one container and what it gets.
 *
 * @param container the container as it will be recorded
 * @param peerName the hosting peer's name, for people
 * @param quota the limits it gets (from its size class or the blueprint's explicit quota)
 */
public record PlannedContainer(EnvironmentContainer container, String peerName, Quota quota) {

    public PlannedContainer {
        Objects.requireNonNull(container, "container");
        Objects.requireNonNull(peerName, "peerName");
        Objects.requireNonNull(quota, "quota");
    }
}
