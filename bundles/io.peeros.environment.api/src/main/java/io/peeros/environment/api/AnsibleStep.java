package io.peeros.environment.api;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An Ansible playbook run from one container of the environment against the others. Exactly one of
 * {@code playbook} (with or without {@code sourceUrl}) and {@code inline} is set.
 *
 * @param target the container (hostname or single-container group) that runs {@code ansible-playbook}
 * @param playbook the playbook's path: inside the unpacked {@code sourceUrl} archive, or relative to the
 *        blueprint; {@code null} with {@code inline}
 * @param inline the playbook's YAML text, or {@code null}
 * @param sourceUrl a zip archive ({@code https://}) holding the playbook, or {@code null}
 * @param inventory the inventory: Ansible group name to hostnames, in order; by default one Ansible group per
 *        container group, named after it
 * @param extraVars the variables given with {@code -e}
 */
public record AnsibleStep(String target, String playbook, String inline, String sourceUrl,
        Map<String, List<String>> inventory, Map<String, String> extraVars) implements ProvisioningStep {

    public AnsibleStep {
        Objects.requireNonNull(target, "target");
        inventory = ordered(inventory);
        extraVars = ordered(extraVars);
    }

    @Override
    public Kind kind() {
        return Kind.ANSIBLE;
    }

    private static <V> Map<String, V> ordered(Map<String, V> map) {
        return Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }
}
