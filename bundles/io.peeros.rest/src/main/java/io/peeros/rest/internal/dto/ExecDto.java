package io.peeros.rest.internal.dto;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /containers/{name}/exec}: only {@code command} is required. A class rather than a record because
 * the other fields are optional, and the API's JSON binding refuses a record whose fields are missing.
 */
public final class ExecDto {

    /** The program and its arguments; the program is looked up in the container's {@code PATH}. */
    @JsonProperty
    private List<String> command;

    /** Extra environment variables. */
    @JsonProperty
    private Map<String, String> env;

    /** A user name of the container, a uid or {@code uid:gid}; root when absent. */
    @JsonProperty
    private String user;

    /** The working directory inside the container; {@code /} when absent. */
    @JsonProperty
    private String cwd;

    /** Seconds after which the command is killed; the manager's default when absent. */
    @JsonProperty
    private Double timeout;

    public ExecDto() {
    }

    public ExecDto(List<String> command, Map<String, String> env, String user, String cwd, Double timeout) {
        this.command = command;
        this.env = env;
        this.user = user;
        this.cwd = cwd;
        this.timeout = timeout;
    }

    public List<String> command() {
        return command;
    }

    public Map<String, String> env() {
        return env == null ? Map.of() : env;
    }

    public String user() {
        return user;
    }

    public String cwd() {
        return cwd;
    }

    public Double timeout() {
        return timeout;
    }
}
