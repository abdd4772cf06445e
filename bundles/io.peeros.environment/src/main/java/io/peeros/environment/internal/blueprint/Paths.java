package io.peeros.environment.internal.blueprint;

import java.util.regex.Pattern;

/** Field paths as errors print them: {@code containers[1].count}; {@code $} is the document. */
final class Paths {

    static final String ROOT = "$";

    private Paths() {
    }

    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_-]+");

    /** The path of a field; a key that is not a plain name is quoted: {@code containers[0]["odd key"]}. */
    static String child(String parent, String field) {
        if (!PLAIN.matcher(field).matches()) {
            String quoted = "[\"" + field.replace("\\", "\\\\").replace("\"", "\\\"") + "\"]";
            return ROOT.equals(parent) ? quoted : parent + quoted;
        }
        return ROOT.equals(parent) ? field : parent + "." + field;
    }

    static String item(String parent, int index) {
        return parent + "[" + index + "]";
    }
}
