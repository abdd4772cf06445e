package io.peeros.rest.internal.dto;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/**
 * {@code POST /environments}: a blueprint to build, or only to plan. {@code fileName} and {@code blueprint} are
 * required. A class rather than a record because the other fields are optional, and the API's JSON binding
 * refuses a record whose fields are missing.
 */
public final class NewEnvironmentDto {

    /** The name errors are reported under; {@code .json} selects JSON, {@code Subutai.json} Subutai's format. */
    @JsonProperty
    private String fileName;

    /** The blueprint's text (YAML or JSON), at most 1 MiB. */
    @JsonProperty
    private String blueprint;

    /** Values of declared variables, overriding their defaults. */
    @JsonProperty
    private Map<String, String> variables;

    /** Only plan: answer where every container would go, reserving nothing. */
    @JsonProperty
    private Boolean dryRun;

    /** Leave what a failed build made in place, for debugging. */
    @JsonProperty
    private Boolean keepOnFailure;

    public NewEnvironmentDto() {
    }

    public NewEnvironmentDto(String fileName, String blueprint, Map<String, String> variables, Boolean dryRun,
            Boolean keepOnFailure) {
        this.fileName = fileName;
        this.blueprint = blueprint;
        this.variables = variables;
        this.dryRun = dryRun;
        this.keepOnFailure = keepOnFailure;
    }

    public String fileName() {
        return fileName;
    }

    public String blueprint() {
        return blueprint;
    }

    public Map<String, String> variables() {
        return variables == null ? Map.of() : variables;
    }

    public boolean dryRun() {
        return Boolean.TRUE.equals(dryRun);
    }

    public boolean keepOnFailure() {
        return Boolean.TRUE.equals(keepOnFailure);
    }
}
