package io.peeros.rest.internal.dto;

/**
 * One problem of a refused blueprint.
 *
 * @param file the file name the blueprint was given under
 * @param line the line, from 1; 0 when not in the file (a variable given by the caller)
 * @param column the column, from 1; 0 when not in the file
 * @param path the field path, e.g. {@code containers[1].count}
 * @param message what is wrong
 */
public record BlueprintErrorDto(String file, int line, int column, String path, String message) {
}
