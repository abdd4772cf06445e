package io.peeros.environment.internal.workflow;

import io.peeros.container.api.ExecRequest;
import io.peeros.container.api.ExecResult;
import io.peeros.environment.api.AnsibleStep;
import io.peeros.environment.api.Blueprint;
import io.peeros.environment.api.ContainerGroup;
import io.peeros.environment.api.EnvironmentContainer;
import io.peeros.environment.api.EnvironmentException;
import io.peeros.environment.api.FilesStep;
import io.peeros.environment.api.PlannedContainer;
import io.peeros.environment.api.Progress;
import io.peeros.environment.api.ProvisioningStep;
import io.peeros.environment.api.ShellStep;
import io.peeros.environment.internal.agent.GuestFiles;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Runs a blueprint's provisioning: each group's own steps, groups ordered so that a group runs after those in
 * its {@code after}, then the environment's steps in order. Shell commands and files go through the agents'
 * exec; Ansible runs on the builder ({@link AnsibleRunner}).
 */
final class Provisioner {

    static final String STEP = "provision";
    private static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(10);

    private final Run run;
    private final AnsibleRunner ansible;

    Provisioner(Run run, AnsibleRunner ansible) {
        this.run = run;
        this.ansible = ansible;
    }

    /**
     * Runs the own steps of {@code groups}, then, with {@code environmentSteps}, the environment's steps, on the
     * {@code only} containers (all of the plan when null).
     */
    void provision(List<ContainerGroup> groups, boolean environmentSteps, Set<String> only) {
        run.op.checkCancelled();
        run.op.step = STEP;
        Blueprint blueprint = run.journal().plan().blueprint();
        run.emit(STEP, null, Progress.Phase.STARTED, "provisioning " + (groups.isEmpty() ? "the environment"
                : String.join(", ", groups.stream().map(ContainerGroup::name).toList())));
        try {
            for (ContainerGroup group : groups) {
                for (ProvisioningStep step : group.provisioning()) {
                    run(step, only);
                }
            }
            if (environmentSteps) {
                for (ProvisioningStep step : blueprint.provisioning()) {
                    run(step, only);
                }
            }
        } catch (StepFailure f) {
            run.emit(STEP, f.peerId, Progress.Phase.FAILED, StepFailure.describe(f.getCause()));
            run.emit(STEP, null, Progress.Phase.FAILED, f.getMessage());
            throw f;
        }
        run.stepDone(run.self, STEP);
        run.emit(STEP, null, Progress.Phase.DONE, "provisioning done");
    }

    /**
     * The groups in waves: a group is in the wave after the last of the groups in its {@code after}, so that
     * those are running and provisioned before it is created (the parser refuses cycles and unknown names).
     */
    static List<List<ContainerGroup>> waves(List<ContainerGroup> groups) {
        Map<String, ContainerGroup> byName = new LinkedHashMap<>();
        groups.forEach(g -> byName.put(g.name(), g));
        Map<String, Integer> levels = new LinkedHashMap<>();
        List<List<ContainerGroup>> waves = new ArrayList<>();
        for (ContainerGroup g : groups) {
            int level = level(g, byName, levels, new LinkedHashSet<>());
            while (waves.size() <= level) {
                waves.add(new ArrayList<>());
            }
            waves.get(level).add(g);
        }
        return waves;
    }

    private static int level(ContainerGroup g, Map<String, ContainerGroup> byName, Map<String, Integer> levels,
            Set<String> path) {
        Integer known = levels.get(g.name());
        if (known != null) {
            return known;
        }
        int level = 0;
        if (path.add(g.name())) {
            for (String before : g.after()) {
                ContainerGroup other = byName.get(before);
                if (other != null) {
                    level = Math.max(level, level(other, byName, levels, path) + 1);
                }
            }
        }
        levels.put(g.name(), level);
        return level;
    }

    private void run(ProvisioningStep step, Set<String> only) {
        run.op.checkCancelled();
        List<PlannedContainer> targets = targets(step.target(), only);
        if (targets.isEmpty()) {
            return;
        }
        switch (step.kind()) {
            case SHELL -> run.bounded(targets, p -> shell((ShellStep) step, p.container()));
            case FILES -> run.bounded(targets, p -> files((FilesStep) step, p.container()));
            case ANSIBLE -> ansible.run((AnsibleStep) step, run.journal().plan().containers(), run);
            default -> throw new EnvironmentException("PROVISIONING_FAILED", "a provisioning step of kind "
                    + step.kind() + " is not supported by this peer");
        }
    }

    private List<PlannedContainer> targets(String target, Set<String> only) {
        return run.journal().plan().containers().stream()
                .filter(p -> p.container().group().equals(target) || p.container().hostname().equals(target))
                .filter(p -> only == null || only.contains(p.container().name())).toList();
    }

    private void shell(ShellStep step, EnvironmentContainer c) {
        Duration timeout = step.timeoutSeconds() == null ? DEFAULT_TIMEOUT : Duration.ofSeconds(step.timeoutSeconds());
        for (String command : step.commands()) {
            run.op.checkCancelled();
            run.emit(STEP, c.peerId(), Progress.Phase.PROGRESS, c.hostname() + ": " + command);
            ExecResult result = exec(c, new ExecRequest(List.of("/bin/sh", "-c", command), Map.of(), null, null,
                    timeout));
            if (result.exitCode() != 0) {
                throw failed(c, "`" + command + "` exited " + result.exitCode() + tail(result));
            }
        }
    }

    private void files(FilesStep step, EnvironmentContainer c) {
        for (FilesStep.FileSpec file : step.files()) {
            if (file.content() == null) {
                throw failed(c, "file " + file.path() + " comes from '" + file.source()
                        + "': files from a source are not supported yet; give its content");
            }
            run.emit(STEP, c.peerId(), Progress.Phase.PROGRESS, c.hostname() + ": writing " + file.path());
            ExecResult result = exec(c, GuestFiles.writeContent(file.path(), file.content(), file.mode()));
            if (result.exitCode() != 0) {
                throw failed(c, "writing " + file.path() + " exited " + result.exitCode() + tail(result));
            }
        }
    }

    private ExecResult exec(EnvironmentContainer c, ExecRequest request) {
        try {
            return run.agent(c.peerId()).exec(run.self, run.journal().id(), c.name(), request);
        } catch (RuntimeException e) {
            throw new StepFailure(STEP, c.peerId(), run.label(c.peerId()), e);
        }
    }

    private StepFailure failed(EnvironmentContainer c, String why) {
        return new StepFailure(STEP, c.peerId(), run.label(c.peerId()), new EnvironmentException(
                "PROVISIONING_FAILED", "in " + c.hostname() + ": " + why));
    }

    private static String tail(ExecResult result) {
        String err = result.stderr().strip();
        if (err.isEmpty()) {
            err = result.stdout().strip();
        }
        if (err.length() > 500) {
            err = "…" + err.substring(err.length() - 500);
        }
        return err.isEmpty() ? "" : ": " + err;
    }
}
