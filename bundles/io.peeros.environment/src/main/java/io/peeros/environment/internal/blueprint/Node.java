package io.peeros.environment.internal.blueprint;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The document tree both readers (YAML, JSON) produce: scalars, mappings and lists, each with the line and
 * column (from 1) where it starts, so that every error can be located whatever the input format.
 */
sealed interface Node extends Located permits Node.Scalar, Node.Mapping, Node.Sequence {

    /** "a string", "a list", "a mapping", "nothing": for messages. */
    String describe();

    /** A scalar; {@code text} is null for YAML {@code null}/{@code ~}/empty and JSON {@code null}. */
    record Scalar(String text, int line, int column) implements Node {
        @Override
        public String describe() {
            return text == null ? "nothing" : "'" + text + "'";
        }
    }

    /** A mapping entry; the key's position is where errors about the entry point. */
    record Entry(String key, int line, int column, Node value) implements Located {
    }

    /** A mapping, entries in file order, keys unique (duplicates are refused by the readers). */
    record Mapping(LinkedHashMap<String, Entry> entries, int line, int column) implements Node {
        @Override
        public String describe() {
            return "a mapping";
        }

        Map<String, Entry> map() {
            return entries;
        }
    }

    /** A list. */
    record Sequence(List<Node> items, int line, int column) implements Node {
        @Override
        public String describe() {
            return "a list";
        }
    }
}
