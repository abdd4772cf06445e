package io.peeros.environment.api;

import java.util.Map;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Reads a blueprint. The format follows from the text: a JSON document whose top level has Subutai's fields
 * ({@code peer-criteria}, {@code user-variables}, {@code ansible-configuration}) or a file named
 * {@code Subutai.json} is read as a Subutai blueprint; anything else as a PeerOS blueprint in YAML or JSON
 * (one model, see {@code docs/blueprints.md}). Thread-safe and stateless.
 */
@ProviderType
public interface BlueprintParser {

    /** The largest blueprint accepted, in characters (1 MiB). */
    int MAX_CHARS = 1024 * 1024;

    /**
     * Parses, validates and fills in the variables of one blueprint.
     *
     * @param fileName the name errors are reported under (e.g. {@code web.yaml}); a {@code .json} ending, or
     *        the name {@code Subutai.json}, selects JSON; anything else YAML (which also reads JSON)
     * @param text the blueprint itself
     * @param variables values given by the operator ({@code --var name=value}); they override the defaults
     *        and must name declared variables
     * @return the blueprint with every {@code ${var}} substituted
     * @throws BlueprintException {@link BlueprintException#BLUEPRINT_INVALID} with every error found (at most
     *         {@link BlueprintException#MAX_ERRORS})
     */
    Blueprint parse(String fileName, String text, Map<String, String> variables);
}
