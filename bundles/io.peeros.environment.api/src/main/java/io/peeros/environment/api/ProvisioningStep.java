package io.peeros.environment.api;

import org.osgi.annotation.versioning.ProviderType;

/**
 * One provisioning step: {@link ShellStep}, {@link FilesStep} or {@link AnsibleStep}. More kinds may come in
 * later minor versions; a consumer that meets a kind it does not know must refuse to run the blueprint.
 */
@ProviderType
public interface ProvisioningStep {

    /** The kinds of step. */
    enum Kind {
        /** Shell commands. */
        SHELL,
        /** Files written into containers. */
        FILES,
        /** An Ansible playbook. */
        ANSIBLE
    }

    /** What kind of step this is. */
    Kind kind();

    /**
     * Where it runs: a group name (every container of the group) or one container's hostname. For an
     * Ansible step, the container that runs {@code ansible-playbook}.
     */
    String target();
}
