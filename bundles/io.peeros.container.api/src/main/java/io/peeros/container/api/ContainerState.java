package io.peeros.container.api;

/** The run state of a container, as LXC reports it. */
public enum ContainerState {
    STOPPED,
    STARTING,
    RUNNING,
    STOPPING,
    ABORTING,
    FREEZING,
    FROZEN;

    /** Whether the container has processes (running, being frozen or frozen). */
    public boolean isActive() {
        return this != STOPPED;
    }
}
