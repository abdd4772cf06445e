package io.peeros.environment.internal.blueprint;

import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import io.peeros.environment.api.BlueprintError;
import io.peeros.environment.api.BlueprintException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.Test;

/**
 * Property: whatever is done to a valid blueprint, the parser either accepts it or refuses it with
 * errors that each name the file, a position inside it (or outside for {@code --var}), a field path and a
 * message; no other exception escapes. Mutants come from the shipped examples with a fixed seed.
 */
public class ErrorPropertyTest {

    private static final Pattern FORMAT = Pattern.compile("[^:]+:\\d+:\\d+: \\S[^\\n]*: \\S.*", Pattern.DOTALL);
    private static final String[] JUNK = {"", "0", "-1", "99999999999", "[", "]", "{", "}", ":", "- ", "\t", "'",
        "\"", "&a", "*a", "${", "${nope}", "${webCount}", "!!str", "null", "~", "yes", "tempalte", "count: 0",
        "GiB", "\\u0000", "#", "\n  ", "  ", "---"};

    @Test
    public void everyErrorOfEveryMutantNamesItsFileLinePathAndMessage() {
        List<String> examples = List.of("hello.yaml", "web-db.yaml", "three-peers.yaml", "subutai/Subutai.json");
        Random random = new Random(Long.getLong("seed", 20261121L));
        int refused = 0;
        int mutants = 0;
        for (String example : examples) {
            String text = Blueprints.read(Blueprints.EXAMPLES.resolve(example));
            String name = example.substring(example.lastIndexOf('/') + 1);
            for (int i = 0; i < 600; i++) {
                String mutant = mutate(text, random);
                mutants++;
                try {
                    Blueprints.parse(name, mutant, Map.of("dbPassword", "abcdefghijkl"));
                } catch (BlueprintException e) {
                    refused++;
                    check(name, mutant, e.errors());
                } catch (RuntimeException e) {
                    throw new AssertionError("escaped " + e + " for mutant:\n" + mutant, e);
                }
            }
        }
        assertTrue("most mutants should be refused: " + refused + " of " + mutants, refused > mutants / 3);
    }

    private static void check(String name, String mutant, List<BlueprintError> errors) {
        assertTrue(!errors.isEmpty());
        long lines = mutant.lines().count() + 1;
        for (BlueprintError e : errors) {
            String where = e + "\nin mutant:\n" + mutant;
            if (!e.file().equals(name) || e.path().isBlank() || e.message().isBlank()) {
                fail("incomplete error: " + where);
            }
            if (!FORMAT.matcher(e.toString()).matches()) {
                fail("malformed error: " + where);
            }
            boolean outside = e.path().startsWith("--var ");
            if (outside ? e.line() != 0 || e.column() != 0 : e.line() < 1 || e.column() < 1 || e.line() > lines) {
                fail("error located outside the file: " + where);
            }
        }
    }

    private static String mutate(String text, Random random) {
        List<String> lines = new ArrayList<>(text.lines().toList());
        int edits = 1 + random.nextInt(3);
        for (int n = 0; n < edits && !lines.isEmpty(); n++) {
            int i = random.nextInt(lines.size());
            String line = lines.get(i);
            switch (random.nextInt(6)) {
                case 0 -> lines.remove(i);
                case 1 -> lines.add(i, line);
                case 2 -> {
                    int at = line.isEmpty() ? 0 : random.nextInt(line.length());
                    lines.set(i, line.substring(0, at) + JUNK[random.nextInt(JUNK.length)] + line.substring(at));
                }
                case 3 -> {
                    int at = line.isEmpty() ? 0 : random.nextInt(line.length());
                    int end = Math.min(line.length(), at + 1 + random.nextInt(6));
                    lines.set(i, line.substring(0, at) + line.substring(end));
                }
                case 4 -> lines.set(i, line.replaceFirst("\\d+", junk(random)));
                default -> lines.set(i, line.replaceFirst("[a-z]+:", junk(random) + ":"));
            }
        }
        return String.join("\n", lines) + "\n";
    }

    private static String junk(Random random) {
        return Matcher.quoteReplacement(JUNK[random.nextInt(JUNK.length)]);
    }
}
