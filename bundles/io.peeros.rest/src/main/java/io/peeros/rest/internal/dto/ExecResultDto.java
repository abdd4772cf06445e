package io.peeros.rest.internal.dto;

/**
 * What a command run in a container did; see {@link io.peeros.container.api.ExecResult}. A non-zero
 * {@code exitCode} is still a 200: the command ran.
 *
 * @param stdout its standard output as UTF-8 (invalid sequences replaced)
 * @param stderr its standard error as UTF-8
 * @param truncated whether output was cut at the manager's limit
 */
public record ExecResultDto(int exitCode, String stdout, String stderr, boolean truncated) {
}
