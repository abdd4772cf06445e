package io.peeros.environment.internal.blueprint;

import io.peeros.environment.api.BlueprintParser;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads YAML (and so JSON) into a {@link Node} tree with SnakeYAML's composer, which keeps every node's
 * position. Only the composer runs: no Java object is ever constructed from the document. Aliases are
 * expanded here against a budget of nodes, so an alias bomb is refused after a bounded amount of work.
 */
final class YamlReader {

    static final int MAX_DEPTH = 32;
    static final int MAX_NODES = 100_000;
    static final int MAX_ALIASES = 20;

    private final Problems problems;
    private int nodes;
    private boolean stopped;

    YamlReader(Problems problems) {
        this.problems = problems;
    }

    /** The document's tree, or {@code null} (errors recorded) when it cannot be read. */
    Node read(String text) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setMaxAliasesForCollections(MAX_ALIASES);
        options.setNestingDepthLimit(MAX_DEPTH);
        options.setCodePointLimit(BlueprintParser.MAX_CHARS + 1);
        options.setAllowRecursiveKeys(false);
        options.setProcessComments(false);
        org.yaml.snakeyaml.nodes.Node root;
        try {
            root = new Yaml(options).compose(new StringReader(text));
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            String what = e.getProblem() != null ? e.getProblem() : e.getMessage();
            if (e.getContext() != null && e.getProblem() != null) {
                what = e.getContext() + ": " + e.getProblem();
                Mark started = e.getContextMark();
                if (started != null && mark != null && started.getLine() != mark.getLine()) {
                    what += " (it started at line " + (started.getLine() + 1) + ", column " + (started.getColumn() + 1)
                            + ")";
                }
            }
            problems.error(mark == null ? 1 : mark.getLine() + 1, mark == null ? 1 : mark.getColumn() + 1, "$",
                    "YAML syntax: " + what.strip());
            return null;
        } catch (YAMLException e) {
            problems.error(1, 1, "$", refusal(e.getMessage()));
            return null;
        }
        if (root == null) {
            problems.error(1, 1, "$", "the file is empty: a blueprint needs at least 'name' and 'containers'");
            return null;
        }
        Node tree = convert(root, "$", 0);
        return stopped ? null : tree;
    }

    private static String refusal(String message) {
        if (message != null && message.contains("aliases")) {
            return "more than " + MAX_ALIASES + " aliases to lists or mappings: refused (alias bomb?)";
        }
        if (message != null && message.contains("Nesting Depth")) {
            return "nested deeper than " + MAX_DEPTH + " levels: refused";
        }
        return "YAML refused: " + message;
    }

    private Node convert(org.yaml.snakeyaml.nodes.Node node, String path, int depth) {
        int line = node.getStartMark().getLine() + 1;
        int column = node.getStartMark().getColumn() + 1;
        if (stopped) {
            return new Node.Scalar(null, line, column);
        }
        if (++nodes > MAX_NODES) {
            stop(line, column, path, "more than " + MAX_NODES + " values, aliases counted each time they are"
                    + " used: refused (alias bomb?)");
        } else if (depth > MAX_DEPTH) {
            stop(line, column, path, "nested deeper than " + MAX_DEPTH + " levels (a recursive alias?): refused");
        }
        if (stopped) {
            return new Node.Scalar(null, line, column);
        }
        if (node instanceof ScalarNode scalar) {
            boolean isNull = scalar.isPlain() && Tag.NULL.equals(scalar.getTag());
            return new Node.Scalar(isNull ? null : scalar.getValue(), line, column);
        }
        if (node instanceof SequenceNode sequence) {
            List<Node> items = new ArrayList<>();
            for (org.yaml.snakeyaml.nodes.Node item : sequence.getValue()) {
                items.add(convert(item, path + "[" + items.size() + "]", depth + 1));
            }
            return new Node.Sequence(items, line, column);
        }
        MappingNode mapping = (MappingNode) node;
        LinkedHashMap<String, Node.Entry> entries = new LinkedHashMap<>();
        for (NodeTuple tuple : mapping.getValue()) {
            org.yaml.snakeyaml.nodes.Node keyNode = tuple.getKeyNode();
            int keyLine = keyNode.getStartMark().getLine() + 1;
            int keyColumn = keyNode.getStartMark().getColumn() + 1;
            if (!(keyNode instanceof ScalarNode key)) {
                problems.error(keyLine, keyColumn, path, "keys must be plain names, not lists or mappings");
                continue;
            }
            String childPath = Paths.child(path, key.getValue());
            Node.Entry first = entries.get(key.getValue());
            if (first != null) {
                problems.error(keyLine, keyColumn, childPath,
                        "duplicate field '" + key.getValue() + "' (first at line " + first.line() + ")");
                continue;
            }
            entries.put(key.getValue(), new Node.Entry(key.getValue(), keyLine, keyColumn,
                    convert(tuple.getValueNode(), childPath, depth + 1)));
        }
        return new Node.Mapping(entries, line, column);
    }

    private void stop(int line, int column, String path, String message) {
        problems.error(line, column, path, message);
        stopped = true;
    }
}
