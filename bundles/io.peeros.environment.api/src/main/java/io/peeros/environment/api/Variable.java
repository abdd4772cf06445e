package io.peeros.environment.api;

import java.util.List;
import java.util.Objects;

/**
 * A declared blueprint variable: a value the operator may give ({@code --var name=value}) and that
 * {@code ${name}} stands for in any string field. A variable without a default is required.
 *
 * @param name the name, {@code [A-Za-z_][A-Za-z0-9_]*}
 * @param type what values it takes
 * @param description free text for the operator, empty when not given
 * @param defaultValue the value when none is given, as text; {@code null} makes the variable required
 * @param pattern a regular expression the whole value must match ({@link Type#STRING}), or {@code null}
 * @param min the least value ({@link Type#INT}; bytes for {@link Type#SIZE}), or {@code null}
 * @param max the greatest value ({@link Type#INT}; bytes for {@link Type#SIZE}), or {@code null}
 * @param values the allowed values ({@link Type#ENUM}), empty otherwise
 */
public record Variable(String name, Type type, String description, String defaultValue, String pattern, Long min,
        Long max, List<String> values) {

    /** The kinds of variable values. */
    public enum Type {
        /** Any text, optionally matching a pattern. */
        STRING,
        /** A whole number, optionally between min and max. */
        INT,
        /** One of a fixed list of values. */
        ENUM,
        /** An amount of bytes with a unit: {@code 512MiB}, {@code 10GiB}, {@code 1TB}. */
        SIZE
    }

    public Variable {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        description = description == null ? "" : description;
        values = values == null ? List.of() : List.copyOf(values);
    }

    /** Whether the operator must give a value (there is no default). */
    public boolean required() {
        return defaultValue == null;
    }
}
