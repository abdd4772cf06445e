package io.peeros.environment.internal.blueprint;

import io.peeros.environment.api.Variable;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The variables of one blueprint: their declarations, their values once the operator's overrides and the
 * defaults are applied, and the substitution of {@code ${name}} in string fields ({@code $${} is a literal
 * {@code ${}}).
 */
final class Vars {

    private static final Pattern WHOLE = Pattern.compile("\\$\\{([^}]*)}");

    private final Problems problems;
    private final Map<String, Variable> declared = new LinkedHashMap<>();
    private final Map<String, Located> declaredAt = new LinkedHashMap<>();
    private final Map<String, String> values = new LinkedHashMap<>();
    private final Set<String> broken = new HashSet<>();

    Vars(Problems problems) {
        this.problems = problems;
    }

    void declare(Variable variable, Located at, boolean defaultValid) {
        declared.put(variable.name(), variable);
        declaredAt.put(variable.name(), at);
        if (!defaultValid) {
            broken.add(variable.name());
        }
    }

    Map<String, Variable> declared() {
        return declared;
    }

    Map<String, String> values() {
        return values;
    }

    /** Applies the operator's values over the defaults; reports unknown, invalid and missing values. */
    void resolve(Map<String, String> overrides, String variablesPath) {
        overrides.forEach((name, value) -> {
            Variable variable = declared.get(name);
            if (variable == null) {
                problems.error(Located.OUTSIDE, "--var " + name, "the blueprint declares no variable '" + name + "'"
                        + Names.suggest(name, declared.keySet()));
                return;
            }
            String wrong = value == null ? "no value given" : check(variable, value);
            if (wrong != null) {
                problems.error(Located.OUTSIDE, "--var " + name, wrong);
                broken.add(name);
            } else {
                values.put(name, value);
                broken.remove(name);
            }
        });
        declared.forEach((name, variable) -> {
            if (values.containsKey(name) || broken.contains(name)) {
                return;
            }
            if (variable.defaultValue() == null) {
                problems.error(declaredAt.get(name), Paths.child(variablesPath, name),
                        "required: it has no default, give it with --var " + name + "=VALUE");
                broken.add(name);
            } else {
                values.put(name, variable.defaultValue());
            }
        });
        Map<String, String> ordered = new LinkedHashMap<>();
        declared.keySet().stream().filter(values::containsKey).forEach(n -> ordered.put(n, values.get(n)));
        values.clear();
        values.putAll(ordered);
    }

    /** What is wrong with {@code value} for {@code variable}, or {@code null} when it is valid. */
    static String check(Variable variable, String value) {
        switch (variable.type()) {
            case INT: {
                Long n = parseLong(value);
                if (n == null) {
                    return "must be a whole number, got '" + value + "'";
                }
                return range(n, variable.min(), variable.max(), String.valueOf(n), false);
            }
            case SIZE: {
                Long bytes = Sizes.parse(value);
                if (bytes == null) {
                    return Sizes.RULE + ", got '" + value + "'";
                }
                return range(bytes, variable.min(), variable.max(), value, true);
            }
            case ENUM:
                return variable.values().contains(value) ? null
                        : "must be one of " + String.join(", ", variable.values()) + ", got '" + value + "'";
            default:
                if (variable.pattern() != null && !Pattern.compile(variable.pattern()).matcher(value).matches()) {
                    return "must match " + variable.pattern() + ", got '" + value + "'";
                }
                return null;
        }
    }

    private static String range(long n, Long min, Long max, String shown, boolean size) {
        if ((min != null && n < min) || (max != null && n > max)) {
            String lo = min == null ? null : size ? Sizes.format(min) : String.valueOf(min);
            String hi = max == null ? null : size ? Sizes.format(max) : String.valueOf(max);
            String bounds = lo != null && hi != null ? lo + " to " + hi
                    : lo != null ? "at least " + lo : "at most " + hi;
            return "must be " + bounds + ", got " + shown;
        }
        return null;
    }

    static Long parseLong(String text) {
        try {
            return Long.parseLong(text.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** The variable {@code text} consists of entirely ({@code ${name}}), or {@code null}. */
    Variable whole(String text) {
        Matcher m = WHOLE.matcher(text.strip());
        return m.matches() ? declared.get(m.group(1).strip()) : null;
    }

    /**
     * {@code text} with every {@code ${name}} replaced by its value, or {@code null} when a reference is
     * malformed or unknown (reported at {@code at}) or names a variable whose value is invalid (already
     * reported where the value was given).
     */
    String substitute(String text, Located at, String path) {
        if (text.indexOf('$') < 0) {
            return text;
        }
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '$' && text.startsWith("$${", i)) {
                out.append("${");
                i += 3;
            } else if (c == '$' && text.startsWith("${", i)) {
                int end = text.indexOf('}', i);
                if (end < 0) {
                    problems.error(at, path, "unterminated '${' (write '$${' for a literal '${')");
                    return null;
                }
                String name = text.substring(i + 2, end).strip();
                if (!Names.VARIABLE.matcher(name).matches()) {
                    problems.error(at, path, "'${" + name + "}' is not a variable reference: names are letters, "
                            + "digits and '_'");
                    return null;
                }
                if (!declared.containsKey(name)) {
                    problems.error(at, path, "unknown variable '" + name + "'"
                            + Names.suggest(name, declared.keySet()).replace(": expected one of", ": declared are"));
                    return null;
                }
                if (broken.contains(name) || !values.containsKey(name)) {
                    return null;
                }
                out.append(values.get(name));
                i = end + 1;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    static String typeName(Variable variable) {
        return variable.type().name().toLowerCase(Locale.ROOT);
    }
}
