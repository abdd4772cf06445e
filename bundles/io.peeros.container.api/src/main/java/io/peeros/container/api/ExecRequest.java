package io.peeros.container.api;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A command to run inside a running container. Immutable; start with {@link #of(String...)} and refine with
 * the {@code with…} methods. The command runs with a clean environment (a standard {@code PATH} plus
 * {@link #environment()}), stdin from {@code /dev/null}, and is killed with everything it started when the
 * timeout passes.
 *
 * @param command the program and its arguments; the program is looked up in the container's {@code PATH}
 * @param environment extra environment variables
 * @param workingDirectory the directory inside the container to run in, or {@code null} for {@code /}
 * @param user {@code null} for root, a user name from the container's {@code /etc/passwd}, a numeric uid, or
 *        {@code uid:gid}
 * @param timeout how long the command may run, or {@code null} for the manager's default
 */
public record ExecRequest(List<String> command, Map<String, String> environment, String workingDirectory,
        String user, Duration timeout) {

    public ExecRequest {
        command = List.copyOf(command);
        environment = Map.copyOf(environment);
    }

    /** A request to run {@code command} as root in {@code /} with the default timeout. */
    public static ExecRequest of(String... command) {
        return new ExecRequest(List.of(command), Map.of(), null, null, null);
    }

    /** This request with {@code name=value} added to the environment. */
    public ExecRequest withEnv(String name, String value) {
        Map<String, String> env = new LinkedHashMap<>(environment);
        env.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
        return new ExecRequest(command, env, workingDirectory, user, timeout);
    }

    /** This request run in {@code directory}. */
    public ExecRequest withWorkingDirectory(String directory) {
        return new ExecRequest(command, environment, directory, user, timeout);
    }

    /** This request run as {@code user} (name, uid or uid:gid). */
    public ExecRequest withUser(String user) {
        return new ExecRequest(command, environment, workingDirectory, user, timeout);
    }

    /** This request killed after {@code timeout}. */
    public ExecRequest withTimeout(Duration timeout) {
        return new ExecRequest(command, environment, workingDirectory, user, timeout);
    }
}
