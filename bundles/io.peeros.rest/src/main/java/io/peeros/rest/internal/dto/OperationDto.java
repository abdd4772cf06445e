package io.peeros.rest.internal.dto;

/**
 * The answer to an operation started in the background (202), and the closing {@code end} event of its stream.
 *
 * @param environmentId the environment
 * @param operation {@code build}, {@code grow}, {@code shrink}, {@code resize} or {@code destroy}; in the closing event, null
 * @param state the environment's state now, lower case ({@code destroyed} once it is gone)
 * @param failure why it failed, or null
 * @param events the path of its event stream, below the API's base
 */
public record OperationDto(String environmentId, String operation, String state, String failure, String events) {
}
