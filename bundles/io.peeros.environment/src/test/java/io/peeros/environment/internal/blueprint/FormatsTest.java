package io.peeros.environment.internal.blueprint;

import static org.junit.Assert.assertEquals;

import io.peeros.environment.api.Blueprint;
import io.peeros.environment.api.BlueprintError;
import io.peeros.environment.api.BlueprintFormat;
import java.util.List;
import java.util.Map;
import org.junit.Test;

/** YAML and JSON are one model; YAML 1.1 oddities do not leak into it. */
public class FormatsTest {

    private static final String YAML = String.join("\n",
            "name: hello",
            "description: Two busybox containers side by side on one peer.",
            "containers:",
            "  - name: hello",
            "    template: busybox",
            "    size: TINY",
            "    count: 2",
            "    placement:",
            "      strategy: pack",
            "    provisioning:",
            "      - shell: echo hi",
            "");

    private static final String JSON = "{\"name\": \"hello\","
            + " \"description\": \"Two busybox containers side by side on one peer.\","
            + " \"containers\": [{\"name\": \"hello\", \"template\": \"busybox\", \"size\": \"TINY\", \"count\": 2,"
            + " \"placement\": {\"strategy\": \"pack\"}, \"provisioning\": [{\"shell\": \"echo hi\"}]}]}";

    @Test
    public void yamlAndJsonGiveTheSameModel() {
        Blueprint yaml = Blueprints.parse("hello.yaml", YAML);
        Blueprint json = Blueprints.parse("hello.json", JSON);

        assertEquals(BlueprintFormat.YAML, yaml.format());
        assertEquals(BlueprintFormat.JSON, json.format());
        assertEquals(yaml.containers(), json.containers());
        assertEquals(yaml.name(), json.name());
        assertEquals(yaml.description(), json.description());
    }

    @Test
    public void jsonInAYamlFileIsReadAsYaml() {
        Blueprint b = Blueprints.parse("hello.yaml", JSON);

        assertEquals(Blueprints.parse("hello.json", JSON).containers(), b.containers());
    }

    @Test
    public void yamlBooleansAndNumbersStayTextWhereTextIsExpected() {
        Blueprint b = Blueprints.parse("n.yaml", String.join("\n",
                "name: 'no'",
                "description: 1.10",
                "containers:",
                "  - {name: 'on', template: 1.0}",
                ""));

        assertEquals("no", b.name());
        assertEquals("1.10", b.description());
        assertEquals("1.0", b.containers().get(0).template());
    }

    @Test
    public void jsonPositionsPointAtTheKey() {
        List<BlueprintError> errors = Blueprints.errors("p.json", "{\n  \"name\": \"p\",\n  \"containers\": [\n"
                + "    {\"name\": \"a\", \"template\": \"busybox\", \"count\": 0}\n  ]\n}\n");

        assertEquals(List.of(new BlueprintError("p.json", 4, 42, "containers[0].count", "must be 1 to 100, got 0")),
                errors);
    }

    @Test
    public void aSubutaiBlueprintIsRecognisedByItsFieldsWhateverItsFileName() {
        Blueprint b = Blueprints.parse("postgres.json", "{\"name\": \"pg\", \"peer-criteria\": [],"
                + " \"containers\": [{\"hostname\": \"pg\", \"template\": \"debian-stretch\", \"size\": \"SMALL\"}]}",
                Map.of());

        assertEquals(BlueprintFormat.SUBUTAI, b.format());
        assertEquals(List.of("pg"), b.containers().get(0).hostnames());
    }
}
