package io.peeros.environment.api;

/** Where an environment stands. */
public enum EnvironmentState {
    /** Its containers are being made (a build, or a grow or shrink of a healthy environment). */
    BUILDING,
    /** Every container runs and was provisioned. */
    HEALTHY,
    /** A step failed and everything the build made was undone (or kept, when asked for debugging). */
    FAILED,
    /** A failed or cancelled build is being undone on every peer. */
    ROLLING_BACK,
    /** The build was cancelled and undone. */
    CANCELLED,
    /** Its containers, swarm and records are being removed from every peer. */
    DESTROYING,
    /** Nothing of it is left on any peer. */
    DESTROYED
}
