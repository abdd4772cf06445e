package io.peeros.environment.api.peer;

import java.util.Objects;

/**
 * A container as the hosting peer reports it after {@link EnvironmentAgent#createContainer}.
 *
 * @param name its name
 * @param state its run state ({@code RUNNING}, ...)
 * @param address its address in the environment's subnet, with the prefix
 */
public record AgentContainer(String name, String state, String address) {

    public AgentContainer {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(address, "address");
    }
}
