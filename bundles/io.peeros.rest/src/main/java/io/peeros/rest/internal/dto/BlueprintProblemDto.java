package io.peeros.rest.internal.dto;

import java.util.List;

/**
 * The error body of a refused blueprint: the usual {@code code}, {@code message} and {@code status}, and every
 * error found.
 *
 * @param code {@code BLUEPRINT_INVALID}
 * @param message every error, one a line
 * @param status 400
 * @param errors the errors, in the order of the file (at most 50)
 * @param omitted how many more errors were found and not listed
 */
public record BlueprintProblemDto(String code, String message, int status, List<BlueprintErrorDto> errors,
        int omitted) {
}
