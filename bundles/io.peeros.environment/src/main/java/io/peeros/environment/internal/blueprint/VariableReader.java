package io.peeros.environment.internal.blueprint;

import io.peeros.environment.api.Variable;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** Reads the {@code variables} mapping of a PeerOS blueprint into {@link Vars}. */
final class VariableReader {

    private final Problems problems;
    private final Vars vars;

    VariableReader(Problems problems, Vars vars) {
        this.problems = problems;
        this.vars = vars;
    }

    void read(Node.Entry entry, String path) {
        if (!(entry.value() instanceof Node.Mapping mapping)) {
            if (!(entry.value() instanceof Node.Scalar s && s.text() == null)) {
                problems.error(entry, path, "must be a mapping of variable names to declarations, got "
                        + entry.value().describe());
            }
            return;
        }
        if (mapping.entries().size() > Limits.VARIABLES) {
            problems.error(entry, path, "at most " + Limits.VARIABLES + " variables, got " + mapping.entries().size());
            return;
        }
        for (Node.Entry declaration : mapping.entries().values()) {
            declare(declaration, Paths.child(path, declaration.key()));
        }
    }

    private void declare(Node.Entry declaration, String path) {
        String name = declaration.key();
        if (!Names.VARIABLE.matcher(name).matches()) {
            problems.error(declaration, path, "variable names are letters, digits and '_', not starting with a digit");
            return;
        }
        Fields f = Fields.of(declaration.value(), declaration, path, problems, vars,
                "type", "description", "default", "pattern", "min", "max", "values");
        if (f == null) {
            return;
        }
        Variable.Type type = f.has("type") ? f.choice("type", Variable.Type.class, false) : Variable.Type.STRING;
        if (type == null) {
            return;
        }
        String pattern = f.raw("pattern");
        if (pattern != null) {
            if (type != Variable.Type.STRING) {
                problems.error(f.entry("pattern"), f.path("pattern"), "only string variables have a pattern");
            } else {
                try {
                    Pattern.compile(pattern);
                } catch (PatternSyntaxException e) {
                    problems.error(f.entry("pattern"), f.path("pattern"), "not a regular expression: "
                            + e.getDescription());
                    pattern = null;
                }
            }
        }
        Long min = bound(f, "min", type);
        Long max = bound(f, "max", type);
        if (min != null && max != null && min > max) {
            problems.error(f.entry("max"), f.path("max"), "must not be less than min");
        }
        List<String> values = new ArrayList<>();
        if (type == Variable.Type.ENUM) {
            for (Node item : f.list("values", 1000)) {
                if (item instanceof Node.Scalar s && s.text() != null) {
                    values.add(s.text());
                } else {
                    problems.error(item, f.path("values"), "must be a list of values");
                }
            }
            if (values.isEmpty()) {
                f.missing("values", "an enum variable lists its values");
            }
        } else if (f.has("values")) {
            problems.error(f.entry("values"), f.path("values"), "only enum variables have values");
        }
        String defaultValue = f.raw("default");
        Variable variable = new Variable(name, type, f.raw("description"), defaultValue, pattern, min, max, values);
        boolean valid = true;
        if (defaultValue != null) {
            String wrong = Vars.check(variable, defaultValue);
            if (wrong != null) {
                problems.error(f.entry("default"), f.path("default"), wrong);
                valid = false;
            }
        }
        vars.declare(variable, declaration, valid);
    }

    private Long bound(Fields f, String key, Variable.Type type) {
        String text = f.raw(key);
        if (text == null) {
            return null;
        }
        if (type == Variable.Type.INT) {
            Long n = Vars.parseLong(text);
            if (n == null) {
                problems.error(f.entry(key), f.path(key), "must be a whole number, got '" + text + "'");
            }
            return n;
        }
        if (type == Variable.Type.SIZE) {
            Long bytes = Sizes.parse(text);
            if (bytes == null) {
                problems.error(f.entry(key), f.path(key), Sizes.RULE + ", got '" + text + "'");
            }
            return bytes;
        }
        problems.error(f.entry(key), f.path(key), "only int and size variables have " + key);
        return null;
    }
}
