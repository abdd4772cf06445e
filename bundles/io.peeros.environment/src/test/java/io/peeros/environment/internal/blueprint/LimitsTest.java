package io.peeros.environment.internal.blueprint;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import io.peeros.environment.api.BlueprintError;
import io.peeros.environment.api.BlueprintException;
import io.peeros.environment.api.BlueprintParser;
import java.util.List;
import org.junit.Test;

/** Hostile or huge input is refused quickly, and the error list stays bounded. */
public class LimitsTest {

    @Test(timeout = 2000)
    public void billionLaughsIsRefused() {
        StringBuilder yaml = new StringBuilder("a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        char previous = 'a';
        for (char c = 'b'; c <= 'j'; c++) {
            yaml.append(c).append(": &").append(c).append(" [");
            for (int i = 0; i < 9; i++) {
                yaml.append(i == 0 ? "" : ", ").append('*').append(previous);
            }
            yaml.append("]\n");
            previous = c;
        }

        BlueprintError e = Blueprints.error("bomb.yaml", yaml.toString());

        assertEquals("$", e.path());
        assertTrue(e.message(), e.message().contains("alias bomb"));
    }

    @Test(timeout = 2000)
    public void aliasesUnderTheCountLimitCannotExpandPastTheNodeBudget() {
        // 20 aliases, each doubling: 2^20 leaves if expanded naively
        StringBuilder yaml = new StringBuilder("x0: &x0 [a, b]\n");
        for (int i = 1; i <= 10; i++) {
            yaml.append("x").append(i).append(": &x").append(i).append(" [*x").append(i - 1).append(", *x")
                    .append(i - 1).append("]\n");
        }
        yaml.append("y: [*x10, *x10, *x10, *x10, *x10, *x10, *x10, *x10]\n");

        List<BlueprintError> errors = Blueprints.errors("bomb.yaml", yaml.toString());

        assertTrue(errors.toString(), errors.get(0).message().contains("alias bomb"));
    }

    @Test(timeout = 2000)
    public void aRecursiveAliasIsRefused() {
        List<BlueprintError> errors = Blueprints.errors("loop.yaml", "name: &a [*a]\n");

        assertTrue(errors.toString(), errors.get(0).message().contains("refused"));
    }

    @Test(timeout = 2000)
    public void deepNestingIsRefusedInYamlAndJson() {
        String yaml = "name: " + "[".repeat(200) + "]".repeat(200) + "\n";
        String json = "{\"name\": " + "[".repeat(5000) + "]".repeat(5000) + "}";

        BlueprintError y = Blueprints.errors("deep.yaml", yaml).get(0);
        BlueprintError j = Blueprints.errors("deep.json", json).get(0);

        assertTrue(y.toString(), y.message().contains("nested deeper than"));
        assertTrue(j.toString(), j.message().contains("nested deeper than"));
    }

    @Test(timeout = 2000)
    public void anOversizedFileIsRefusedBeforeParsing() {
        String huge = "name: x\ndescription: '" + "x".repeat(BlueprintParser.MAX_CHARS) + "'\n";

        BlueprintError e = Blueprints.error("huge.yaml", huge);

        assertEquals(new BlueprintError("huge.yaml", 1, 1, "$", "the file has " + huge.length()
                + " characters; the limit is 1048576 (1 MiB)"), e);
    }

    @Test(timeout = 5000)
    public void aFileJustUnderTheLimitIsParsedQuickly() {
        String big = "name: x\ndescription: '" + "x".repeat(BlueprintParser.MAX_CHARS - 100) + "'\ncontainers:\n"
                + "  - {name: a, template: busybox}\n";

        assertEquals(BlueprintParser.MAX_CHARS - 100, Blueprints.parse("big.yaml", big).description().length());
    }

    @Test(timeout = 5000)
    public void aHugeFlatListIsRefusedByTheValueBudget() {
        String list = "name: x\ndescription: [" + "1,".repeat(200_000) + "1]\n";

        BlueprintError e = Blueprints.errors("flat.yaml", list).get(0);

        assertTrue(e.toString(), e.message().startsWith("more than 100000 values"));
    }

    @Test(timeout = 5000)
    public void atMostFiftyErrorsAreKeptAndTheRestCounted() {
        StringBuilder yaml = new StringBuilder("name: x\ncontainers:\n");
        for (int i = 0; i < 80; i++) {
            yaml.append("  - {name: g").append(i).append(", template: busybox, count: 0}\n");
        }

        try {
            Blueprints.parse("many.yaml", yaml.toString());
        } catch (BlueprintException e) {
            assertEquals(BlueprintException.MAX_ERRORS, e.errors().size());
            assertEquals(30, e.omitted());
            assertTrue(e.getMessage().startsWith("blueprint invalid: 80 errors\n"));
            assertTrue(e.getMessage().endsWith("(30 more not shown)"));
            assertEquals("many.yaml:3:35: containers[0].count: must be 1 to 100, got 0", e.errors().get(0).toString());
            return;
        }
        throw new AssertionError("accepted");
    }

    @Test
    public void tooManyGroupsAndTooManyContainersAreRefused() {
        StringBuilder groups = new StringBuilder("name: x\ncontainers:\n");
        for (int i = 0; i < 101; i++) {
            groups.append("  - {name: g").append(i).append(", template: busybox}\n");
        }
        StringBuilder containers = new StringBuilder("name: x\ncontainers:\n");
        for (int i = 0; i < 11; i++) {
            containers.append("  - {name: g").append(i).append(", template: busybox, count: 100}\n");
        }

        assertEquals(new BlueprintError("g.yaml", 2, 1, "containers", "at most 100 entries, got 101"),
                Blueprints.errors("g.yaml", groups.toString()).get(0));
        assertEquals(new BlueprintError("c.yaml", 2, 1, "containers", "at most 1000 containers in all, got 1100"),
                Blueprints.errors("c.yaml", containers.toString()).get(0));
    }

    @Test
    public void allErrorsOfAFileComeOutAtOnceInFileOrder() {
        String yaml = String.join("\n",
                "name: Bad_Name",
                "containers:",
                "  - name: a",
                "    tempalte: busybox",
                "    count: 0",
                "  - name: b",
                "    template: busybox",
                "    size: GIANT",
                "");

        List<BlueprintError> errors = Blueprints.errors("all.yaml", yaml);

        assertEquals(List.of("1:1 name", "3:5 containers[0].template", "4:5 containers[0].tempalte",
                "5:5 containers[0].count", "8:5 containers[1].size"),
                errors.stream().map(e -> e.line() + ":" + e.column() + " " + e.path()).toList());
    }
}
