package io.peeros.environment.internal.blueprint;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Set;
import org.junit.BeforeClass;
import org.junit.Test;

/**
 * docs/blueprint.schema.json (JSON Schema 2020-12, for editors and CI linting) agrees with the parser: the
 * shipped blueprints are valid against it, and structural mistakes the parser refuses are refused by it too.
 */
public class SchemaTest {

    private static JsonSchema schema;

    @BeforeClass
    public static void loadSchema() throws IOException {
        JsonNode node = new ObjectMapper().readTree(Path.of("../../docs/blueprint.schema.json").toFile());
        schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(node);
    }

    private static Set<ValidationMessage> validate(Path yaml) throws IOException {
        return schema.validate(new YAMLMapper().readTree(yaml.toFile()));
    }

    @Test
    public void theShippedBlueprintsAreValid() throws IOException {
        for (String example : new String[] {"hello.yaml", "web-db.yaml", "three-peers.yaml"}) {
            assertEquals(example, Set.of(), validate(Blueprints.EXAMPLES.resolve(example)));
        }
    }

    @Test
    public void structuralMistakesAreRefusedByTheSchemaToo() throws IOException {
        for (String bad : new String[] {"unknown-field-template.yaml", "unknown-field-top.yaml", "size-and-quota.yaml",
            "count-not-number.yaml", "step-two-kinds.yaml", "step-no-kind.yaml", "files-content-and-source.yaml",
            "ansible-both.yaml", "containers-empty.yaml", "name-missing.yaml", "template-missing.yaml",
            "port-out-of-range.yaml", "quota-empty.yaml", "placement-strategy.yaml", "ssh-key-bad.yaml",
            "step-in-missing.yaml", "name-not-dns.yaml", "var-type-unknown.yaml", "var-enum-no-values.yaml"}) {
            assertFalse(bad, validate(BadCorpusTest.CORPUS.resolve(bad)).isEmpty());
        }
    }
}
