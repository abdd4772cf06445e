package io.peeros.environment.internal.blueprint;

import static org.junit.Assert.assertTrue;

import io.peeros.environment.api.BlueprintError;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.Test;

/**
 * Every malformed blueprint under src/test/resources/blueprints/bad/ is refused with the error it expects:
 * the first line of a YAML file says {@code # expect: LINE:COLUMN PATH: MESSAGE-FRAGMENT}; a JSON file has
 * the same line in {@code NAME.json.expect} beside it.
 */
public class BadCorpusTest {

    static final Path CORPUS = Path.of("src/test/resources/blueprints/bad");
    private static final Pattern EXPECT = Pattern.compile("(?:# expect: )?(\\d+):(\\d+) (\\S+): (.+)");

    @Test
    public void everyMalformedBlueprintIsRefusedWithTheExpectedLocatedError() throws IOException {
        List<Path> files;
        try (Stream<Path> list = Files.list(CORPUS)) {
            files = list.filter(p -> !p.toString().endsWith(".expect")).sorted().collect(Collectors.toList());
        }
        assertTrue("at least 50 malformed blueprints, got " + files.size(), files.size() >= 50);
        assertTrue("JSON among them", files.stream().filter(p -> p.toString().endsWith(".json")).count() >= 10);
        List<String> failures = new ArrayList<>();
        for (Path file : files) {
            String text = Blueprints.read(file);
            String expectLine = file.toString().endsWith(".json")
                    ? Blueprints.read(Path.of(file + ".expect")).strip()
                    : text.lines().findFirst().orElse("");
            Matcher m = EXPECT.matcher(expectLine);
            if (!m.matches()) {
                failures.add(file.getFileName() + ": no expectation line");
                continue;
            }
            int line = Integer.parseInt(m.group(1));
            int column = Integer.parseInt(m.group(2));
            String path = m.group(3);
            String fragment = m.group(4);
            List<BlueprintError> errors = Blueprints.errors(file.getFileName().toString(), text);
            boolean found = errors.stream().anyMatch(e -> e.line() == line && e.column() == column
                    && e.path().equals(path) && e.message().contains(fragment)
                    && e.file().equals(file.getFileName().toString()));
            if (!found) {
                failures.add(file.getFileName() + ": expected " + expectLine + "\n    got " + errors);
            }
        }
        assertTrue(failures.size() + " of " + files.size() + " failed:\n" + String.join("\n", failures),
                failures.isEmpty());
    }
}
