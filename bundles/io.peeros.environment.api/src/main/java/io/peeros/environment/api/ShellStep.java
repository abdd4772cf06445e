package io.peeros.environment.api;

import java.util.List;
import java.util.Objects;

/**
 * Shell commands run, in order, as root in each target container ({@code /bin/sh -c}); the step fails at the
 * first command that exits non-zero.
 *
 * @param target a group name or a hostname
 * @param commands the commands, at least one
 * @param timeoutSeconds the most time for each command, or {@code null} for the default
 */
public record ShellStep(String target, List<String> commands, Integer timeoutSeconds) implements ProvisioningStep {

    public ShellStep {
        Objects.requireNonNull(target, "target");
        commands = List.copyOf(commands);
    }

    @Override
    public Kind kind() {
        return Kind.SHELL;
    }
}
