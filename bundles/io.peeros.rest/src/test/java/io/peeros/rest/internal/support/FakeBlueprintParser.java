package io.peeros.rest.internal.support;

import io.peeros.container.api.Quota;
import io.peeros.environment.api.Blueprint;
import io.peeros.environment.api.BlueprintError;
import io.peeros.environment.api.BlueprintException;
import io.peeros.environment.api.BlueprintFormat;
import io.peeros.environment.api.BlueprintParser;
import io.peeros.environment.api.ContainerGroup;
import io.peeros.environment.api.Placement;
import java.util.List;
import java.util.Map;

/**
 * Reads {@code name: <name>} from the text's first line into a blueprint of one group {@code web} with two
 * containers; a text containing {@code invalid} is refused with two located errors.
 */
public final class FakeBlueprintParser implements BlueprintParser {

    @Override
    public Blueprint parse(String fileName, String text, Map<String, String> variables) {
        if (text.contains("invalid")) {
            throw new BlueprintException(List.of(
                    new BlueprintError(fileName, 3, 5, "containers[0].count", "must be 1 to 100, got 0"),
                    new BlueprintError(fileName, 0, 0, "--var size", "not a declared variable")), 0);
        }
        String name = text.lines().findFirst().orElse("").replace("name:", "").strip();
        return blueprint(fileName, name, variables);
    }

    public static Blueprint blueprint(String fileName, String name, Map<String, String> values) {
        ContainerGroup web = new ContainerGroup("web", List.of("web-1", "web-2"), "debian-12", null,
                new Quota(null, 50, null, 536_870_912L, null, null, 2_147_483_648L, null), 2, Placement.ANY,
                List.of(), List.of(), List.of());
        return new Blueprint(fileName, BlueprintFormat.YAML, name, "", List.of(), values, List.of(web), List.of(),
                List.of(), List.of());
    }
}
