package io.peeros.environment.api;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One event of a long operation on an environment, as the shell shows it and REST streams it.
 *
 * @param environmentId the environment
 * @param step the step: {@code plan}, {@code prepare}, {@code containers}, {@code network}, {@code provision},
 *     {@code health}, {@code rollback}, {@code destroy}
 * @param peerId the peer the event is about, empty for the environment as a whole
 * @param phase what happened
 * @param message what a person should read, e.g. {@code web-1 started (10.200.7.5)}
 * @param at when
 */
public record Progress(String environmentId, String step, Optional<String> peerId, Phase phase, String message,
        Instant at) {

    /** What happened in a step. */
    public enum Phase { STARTED, PROGRESS, DONE, FAILED }

    public Progress {
        Objects.requireNonNull(environmentId, "environmentId");
        Objects.requireNonNull(step, "step");
        Objects.requireNonNull(peerId, "peerId");
        Objects.requireNonNull(phase, "phase");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(at, "at");
    }
}
