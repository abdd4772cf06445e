package io.peeros.environment.internal.blueprint;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * Reads JSON into a {@link Node} tree with Jackson's streaming parser (strict JSON: no comments, no trailing
 * commas), keeping each value's position and refusing duplicate keys and deep nesting.
 */
final class JsonReader {

    private static final JsonFactory FACTORY = new JsonFactory();

    private final Problems problems;
    private JsonParser parser;

    JsonReader(Problems problems) {
        this.problems = problems;
    }

    /** The document's tree, or {@code null} (errors recorded) when it cannot be read. */
    Node read(String text) {
        try (JsonParser p = FACTORY.createParser(text)) {
            parser = p;
            JsonToken first = p.nextToken();
            if (first == null) {
                problems.error(1, 1, "$", "the file is empty: a blueprint needs at least 'name' and 'containers'");
                return null;
            }
            Node root = value(first, "$", 0);
            JsonToken extra = p.nextToken();
            if (extra != null) {
                JsonLocation at = p.currentTokenLocation();
                problems.error(at.getLineNr(), at.getColumnNr(), "$", "JSON syntax: text after the document");
                return null;
            }
            return root;
        } catch (JsonParseException e) {
            JsonLocation at = e.getLocation();
            // Jackson reports where it stopped, one past an unexpected character: point at the character.
            int shift = e.getOriginalMessage().startsWith("Unexpected character") ? 1 : 0;
            problems.error(at == null ? 1 : Math.max(1, at.getLineNr()),
                    at == null ? 1 : Math.max(1, at.getColumnNr() - shift),
                    "$", "JSON syntax: " + e.getOriginalMessage().lines().findFirst().orElse("malformed"));
            return null;
        } catch (TooDeep e) {
            return null;
        } catch (IOException e) {
            problems.error(1, 1, "$", "JSON unreadable: " + e.getMessage());
            return null;
        }
    }

    private Node value(JsonToken token, String path, int depth) throws IOException {
        JsonLocation at = parser.currentTokenLocation();
        int line = at.getLineNr();
        int column = at.getColumnNr();
        if (depth > YamlReader.MAX_DEPTH) {
            problems.error(line, column, path, "nested deeper than " + YamlReader.MAX_DEPTH + " levels: refused");
            throw new TooDeep();
        }
        switch (token) {
            case START_OBJECT: {
                LinkedHashMap<String, Node.Entry> entries = new LinkedHashMap<>();
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String key = parser.currentName();
                    JsonLocation keyAt = parser.currentTokenLocation();
                    String childPath = Paths.child(path, key);
                    Node child = value(parser.nextToken(), childPath, depth + 1);
                    Node.Entry first = entries.get(key);
                    if (first != null) {
                        problems.error(keyAt.getLineNr(), keyAt.getColumnNr(), childPath,
                                "duplicate field '" + key + "' (first at line " + first.line() + ")");
                    } else {
                        entries.put(key, new Node.Entry(key, keyAt.getLineNr(), keyAt.getColumnNr(), child));
                    }
                }
                return new Node.Mapping(entries, line, column);
            }
            case START_ARRAY: {
                List<Node> items = new ArrayList<>();
                JsonToken next;
                while ((next = parser.nextToken()) != JsonToken.END_ARRAY) {
                    items.add(value(next, Paths.item(path, items.size()), depth + 1));
                }
                return new Node.Sequence(items, line, column);
            }
            case VALUE_NULL:
                return new Node.Scalar(null, line, column);
            default:
                return new Node.Scalar(parser.getText(), line, column);
        }
    }

    /** Unwinds the recursion once nesting is refused. */
    private static final class TooDeep extends RuntimeException {
        private static final long serialVersionUID = 1L;

        TooDeep() {
            super(null, null, false, false);
        }
    }
}
