package io.peeros.environment.internal.blueprint;

/** Field paths as errors print them: {@code containers[1].count}; {@code $} is the document. */
final class Paths {

    static final String ROOT = "$";

    private Paths() {
    }

    static String child(String parent, String field) {
        return ROOT.equals(parent) ? field : parent + "." + field;
    }

    static String item(String parent, int index) {
        return parent + "[" + index + "]";
    }
}
