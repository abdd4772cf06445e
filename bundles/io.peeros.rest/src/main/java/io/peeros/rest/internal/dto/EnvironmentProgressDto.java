package io.peeros.rest.internal.dto;

/**
 * One {@code progress} event of an operation on an environment.
 *
 * @param environmentId the environment
 * @param step {@code plan}, {@code prepare}, {@code containers}, {@code network}, {@code provision},
 *        {@code health}, {@code rollback} or {@code destroy}
 * @param peerId the peer the event is about, or null for the environment as a whole
 * @param phase {@code started}, {@code progress}, {@code done} or {@code failed}
 * @param message what happened, for a person
 * @param at when (ISO-8601)
 */
public record EnvironmentProgressDto(String environmentId, String step, String peerId, String phase,
        String message, String at) {
}
