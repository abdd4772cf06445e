package io.peeros.environment.internal.blueprint;

import io.peeros.environment.api.Variable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Reads the fields of one mapping: refuses unknown fields (naming the nearest known one), reports missing
 * and mistyped ones, and substitutes variables in what it returns. Every getter returns {@code null} (or an
 * empty list) after reporting, so that reading goes on and all errors of a file come out at once.
 */
final class Fields {

    private final Node.Mapping mapping;
    private final String path;
    private final Problems problems;
    private final Vars vars;

    private Fields(Node.Mapping mapping, String path, Problems problems, Vars vars) {
        this.mapping = mapping;
        this.path = path;
        this.problems = problems;
        this.vars = vars;
    }

    /**
     * The fields of {@code node}, or {@code null} when it is not a mapping (reported at {@code at}). Unknown
     * fields are reported here; with no {@code known} names, any key is accepted (maps of names).
     */
    static Fields of(Node node, Located at, String path, Problems problems, Vars vars, String... known) {
        if (!(node instanceof Node.Mapping mapping)) {
            problems.error(at, path, (known.length == 0 ? "must be a mapping" : "must be a mapping of fields ("
                    + String.join(", ", known) + ")") + ", got " + node.describe());
            return null;
        }
        List<String> knownList = Arrays.asList(known);
        for (Node.Entry entry : mapping.entries().values()) {
            if (known.length > 0 && !knownList.contains(entry.key())) {
                problems.error(entry, Paths.child(path, entry.key()), "unknown field '" + entry.key() + "'"
                        + Names.suggest(entry.key(), knownList));
            }
        }
        return new Fields(mapping, path, problems, vars);
    }

    String path() {
        return path;
    }

    String path(String key) {
        return Paths.child(path, key);
    }

    Node.Mapping mapping() {
        return mapping;
    }

    boolean has(String key) {
        Node.Entry entry = mapping.entries().get(key);
        return entry != null && !(entry.value() instanceof Node.Scalar s && s.text() == null);
    }

    Node.Entry entry(String key) {
        return mapping.entries().get(key);
    }

    /** Reports that {@code key} is missing, at the start of this mapping. */
    void missing(String key, String hint) {
        problems.error(mapping, path(key), "required field missing" + (hint == null ? "" : ": " + hint));
    }

    /** A string field, substituted; {@code null} when absent (reported if required) or invalid. */
    String string(String key, boolean required) {
        if (!has(key)) {
            if (required && entry(key) != null) {
                problems.error(entry(key), path(key), "must not be empty");
            } else if (required) {
                missing(key, null);
            }
            return null;
        }
        Node.Entry entry = entry(key);
        return scalar(entry.value(), entry, path(key), vars, problems);
    }

    /** The text of a field without substitution (variable declarations). */
    String raw(String key) {
        if (!has(key)) {
            return null;
        }
        Node.Entry entry = entry(key);
        if (!(entry.value() instanceof Node.Scalar s)) {
            problems.error(entry, path(key), "must be a single value, got " + entry.value().describe());
            return null;
        }
        return s.text();
    }

    /** A whole number between min and max; variables must be of type int. */
    Integer integer(String key, long min, long max, boolean required) {
        if (!has(key)) {
            if (required && entry(key) != null) {
                problems.error(entry(key), path(key), "must not be empty");
            } else if (required) {
                missing(key, null);
            }
            return null;
        }
        Node.Entry entry = entry(key);
        if (!typed(entry, key, Variable.Type.INT)) {
            return null;
        }
        String text = string(key, false);
        if (text == null) {
            return null;
        }
        Long n = Vars.parseLong(text);
        if (n == null) {
            problems.error(entry, path(key), "must be a whole number, got '" + text + "'");
            return null;
        }
        if (n < min || n > max) {
            problems.error(entry, path(key), "must be " + min + " to " + max + ", got " + n);
            return null;
        }
        return n.intValue();
    }

    /** An amount of bytes with a unit; variables must be of type size. */
    Long size(String key, long min, long max) {
        if (!has(key)) {
            return null;
        }
        Node.Entry entry = entry(key);
        if (!typed(entry, key, Variable.Type.SIZE)) {
            return null;
        }
        String text = string(key, false);
        if (text == null) {
            return null;
        }
        Long bytes = Sizes.parse(text);
        if (bytes == null) {
            problems.error(entry, path(key), Sizes.RULE + ", got '" + text + "'");
            return null;
        }
        if (bytes < min || bytes > max) {
            problems.error(entry, path(key), "must be " + Sizes.format(min) + " to " + Sizes.format(max) + ", got "
                    + text);
            return null;
        }
        return bytes;
    }

    /** One of an enum's constants, case-insensitive. */
    <E extends Enum<E>> E choice(String key, Class<E> type, boolean required) {
        String text = string(key, required);
        if (text == null) {
            return null;
        }
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equalsIgnoreCase(text.strip())) {
                return constant;
            }
        }
        String valid = Arrays.stream(type.getEnumConstants()).map(e -> e.name().toLowerCase(Locale.ROOT))
                .collect(Collectors.joining(", "));
        problems.error(entry(key), path(key), "must be one of " + valid + ", got '" + text + "'");
        return null;
    }

    /** A list field; a missing field is an empty list; a single value is refused. */
    List<Node> list(String key, int max) {
        if (!has(key)) {
            return List.of();
        }
        Node.Entry entry = entry(key);
        if (!(entry.value() instanceof Node.Sequence sequence)) {
            problems.error(entry, path(key), "must be a list, got " + entry.value().describe());
            return List.of();
        }
        if (sequence.items().size() > max) {
            problems.error(entry, path(key), "at most " + max + " entries, got " + sequence.items().size());
            return Collections.unmodifiableList(sequence.items().subList(0, max));
        }
        return sequence.items();
    }

    /** A list of strings, substituted; invalid items are reported and left out. */
    List<String> strings(String key, int max) {
        List<String> out = new ArrayList<>();
        List<Node> items = list(key, max);
        for (int i = 0; i < items.size(); i++) {
            String text = scalar(items.get(i), items.get(i), Paths.item(path(key), i), vars, problems);
            if (text != null) {
                out.add(text);
            }
        }
        return out;
    }

    /** A nested mapping's fields, or {@code null} when absent or not a mapping. */
    Fields object(String key, String... known) {
        if (!has(key)) {
            return null;
        }
        Node.Entry entry = entry(key);
        return of(entry.value(), entry, path(key), problems, vars, known);
    }

    /** Refuses a whole-value reference to a variable of another type than {@code wanted}. */
    private boolean typed(Node.Entry entry, String key, Variable.Type wanted) {
        if (entry.value() instanceof Node.Scalar s && s.text() != null) {
            Variable variable = vars.whole(s.text());
            if (variable != null && variable.type() != wanted) {
                problems.error(entry, path(key), "variable '" + variable.name() + "' is of type "
                        + Vars.typeName(variable) + ", this field needs " + wanted.name().toLowerCase(Locale.ROOT));
                return false;
            }
        }
        return true;
    }

    /** A scalar's text, substituted; reports lists, mappings and empty values. */
    static String scalar(Node node, Located at, String path, Vars vars, Problems problems) {
        if (!(node instanceof Node.Scalar s)) {
            problems.error(at, path, "must be a single value, got " + node.describe());
            return null;
        }
        if (s.text() == null) {
            problems.error(at, path, "must not be empty");
            return null;
        }
        return vars.substitute(s.text(), at, path);
    }
}
