package io.peeros.environment.internal.blueprint;

import static org.junit.Assert.fail;

import io.peeros.environment.api.Blueprint;
import io.peeros.environment.api.BlueprintError;
import io.peeros.environment.api.BlueprintException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Test helpers: the project's blueprints, parsing that must fail. */
final class Blueprints {

    /** The project's blueprints/ folder, from this module's folder (where Surefire runs). */
    static final Path EXAMPLES = Path.of("../../blueprints");

    private Blueprints() {
    }

    static String read(Path path) {
        try {
            return Files.readString(path, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Blueprint example(String relative, Map<String, String> variables) {
        Path path = EXAMPLES.resolve(relative);
        return new DefaultBlueprintParser().parse(path.getFileName().toString(), read(path), variables);
    }

    static Blueprint parse(String fileName, String text, Map<String, String> variables) {
        return new DefaultBlueprintParser().parse(fileName, text, variables);
    }

    static Blueprint parse(String fileName, String text) {
        return parse(fileName, text, Map.of());
    }

    /** The errors of a blueprint that must be refused. */
    static List<BlueprintError> errors(String fileName, String text, Map<String, String> variables) {
        try {
            Blueprint blueprint = parse(fileName, text, variables);
            fail("accepted: " + blueprint);
            return null;
        } catch (BlueprintException e) {
            if (!BlueprintException.BLUEPRINT_INVALID.equals(e.code())) {
                fail("code " + e.code());
            }
            return e.errors();
        }
    }

    static List<BlueprintError> errors(String fileName, String text) {
        return errors(fileName, text, Map.of());
    }

    /** The only error of a blueprint that must be refused with one. */
    static BlueprintError error(String fileName, String text) {
        List<BlueprintError> errors = errors(fileName, text);
        if (errors.size() != 1) {
            fail("expected one error, got " + errors);
        }
        return errors.get(0);
    }
}
