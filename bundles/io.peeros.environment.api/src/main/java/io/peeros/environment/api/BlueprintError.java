package io.peeros.environment.api;

import java.util.Objects;

/**
 * One problem of a blueprint, located. {@link #toString()} gives the form operators and editors know:
 * {@code web.yaml:12:5: containers[1].count: must be 1 to 100, got 0}.
 *
 * @param file the file name given to the parser
 * @param line the line, from 1; 0 when the problem is not in the file (an operator's {@code --var})
 * @param column the column, from 1; 0 when the problem is not in the file
 * @param path the field path: {@code containers[1].count}, {@code variables.size.default}; {@code $} for the
 *        document as a whole (a syntax error before any field), {@code --var name} for an operator's value
 * @param message what is wrong, in words, with the valid choices where there are few
 */
public record BlueprintError(String file, int line, int column, String path, String message) {

    public BlueprintError {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(message, "message");
    }

    @Override
    public String toString() {
        return file + ":" + line + ":" + column + ": " + path + ": " + message;
    }
}
