package io.peeros.rest.internal.dto;

/**
 * One {@code progress} event of a long template operation.
 *
 * @param step {@code upload} (the request body arriving), then the store's steps: {@code read},
 *        {@code extract}, {@code pack}, {@code write}
 * @param done bytes done in this step
 * @param total bytes the step takes, or -1 when not known
 * @param percent 0 to 100, or -1 when the total is not known
 */
public record ProgressDto(String step, long done, long total, int percent) {
}
