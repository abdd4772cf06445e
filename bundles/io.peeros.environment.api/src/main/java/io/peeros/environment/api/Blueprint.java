package io.peeros.environment.api;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A parsed, validated blueprint with its variables filled in: what an environment should be made of.
 * Immutable. New components are added at the end in later minor versions; construct it only in the parser.
 *
 * @param fileName the name the blueprint was read under
 * @param format the format it was written in
 * @param name the environment name, a DNS label ({@code [a-z0-9-]}, at most 63, no dash at either end)
 * @param description free text, empty when not given
 * @param variables the declared variables, in the order of the file
 * @param values the value of every declared variable after {@code --var} overrides and defaults, as text, in
 *        the order of the declarations
 * @param containers the container groups, in the order of the file
 * @param sshKeys the public keys ({@code ssh-ed25519 AAAA… comment}) to install in every container
 * @param provisioning the environment's provisioning steps, run in order after every group's own steps
 * @param warnings what was accepted but not used (e.g. Subutai fields with no PeerOS meaning); same shape as
 *        errors
 */
public record Blueprint(String fileName, BlueprintFormat format, String name, String description,
        List<Variable> variables, Map<String, String> values, List<ContainerGroup> containers,
        List<String> sshKeys, List<ProvisioningStep> provisioning, List<BlueprintError> warnings) {

    public Blueprint {
        Objects.requireNonNull(fileName, "fileName");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(name, "name");
        description = description == null ? "" : description;
        variables = List.copyOf(variables);
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
        containers = List.copyOf(containers);
        sshKeys = List.copyOf(sshKeys);
        provisioning = List.copyOf(provisioning);
        warnings = List.copyOf(warnings);
    }

    /** The group called {@code groupName}, if any. */
    public Optional<ContainerGroup> group(String groupName) {
        return containers.stream().filter(g -> g.name().equals(groupName)).findFirst();
    }

    /** How many containers the environment has, over all groups. */
    public int containerCount() {
        return containers.stream().mapToInt(ContainerGroup::count).sum();
    }
}
