package io.peeros.environment.internal.blueprint;

import io.peeros.environment.api.Blueprint;
import io.peeros.environment.api.BlueprintFormat;
import io.peeros.environment.api.BlueprintParser;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.osgi.service.component.annotations.Component;

/**
 * The blueprint parser: picks the reader by file name (JSON for {@code .json}, YAML otherwise), the model by
 * content (Subutai's or ours), and turns every problem into a located {@link io.peeros.environment.api.BlueprintError}.
 */
@Component(service = BlueprintParser.class)
public final class DefaultBlueprintParser implements BlueprintParser {

    private static final List<String> SUBUTAI_FIELDS = List.of("peer-criteria", "user-variables",
            "ansible-configuration");

    @Override
    public Blueprint parse(String fileName, String text, Map<String, String> variables) {
        String file = fileName == null || fileName.isBlank() ? "blueprint" : fileName;
        Problems problems = new Problems(file);
        if (text == null || text.length() > MAX_CHARS) {
            problems.error(1, 1, Paths.ROOT, text == null ? "no text given"
                    : "the file has " + text.length() + " characters; the limit is " + MAX_CHARS + " (1 MiB)");
            problems.throwIfAny();
        }
        String lower = file.toLowerCase(Locale.ROOT);
        boolean json = lower.endsWith(".json");
        Node root = json ? new JsonReader(problems).read(text) : new YamlReader(problems).read(text);
        problems.throwIfAny();
        Map<String, String> overrides = variables == null ? Map.of() : variables;
        Blueprint blueprint;
        if (isSubutai(lower, root)) {
            blueprint = new SubutaiReader(problems).read(root, overrides);
        } else {
            BlueprintFormat format = json ? BlueprintFormat.JSON : BlueprintFormat.YAML;
            blueprint = new NativeReader(problems).read(root, overrides, format);
        }
        problems.throwIfAny();
        return blueprint;
    }

    private static boolean isSubutai(String lowerFileName, Node root) {
        if (lowerFileName.endsWith("subutai.json")) {
            return true;
        }
        return root instanceof Node.Mapping m && SUBUTAI_FIELDS.stream().anyMatch(m.entries()::containsKey);
    }
}
