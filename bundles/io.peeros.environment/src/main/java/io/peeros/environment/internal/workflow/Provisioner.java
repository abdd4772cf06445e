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

    /** Provisions the {@code only} containers (all of the plan when null). */
    void provision(Set<String> only) {
        run.op.checkCancelled();
        run.op.step = STEP;
        Blueprint blueprint = run.journal().plan().blueprint();
        run.emit(STEP, null, Progress.Phase.STARTED, "provisioning");
        try {
            for (ContainerGroup group : ordered(blueprint.containers())) {
                for (ProvisioningStep step : group.provisioning()) {
                    run(step, only);
                }
            }
            for (ProvisioningStep step : blueprint.provisioning()) {
                run(step, only);
            }
        } catch (StepFailure f) {
            run.emit(STEP, f.peerId, Progress.Phase.FAILED, StepFailure.describe(f.getCause()));
            run.emit(STEP, null, Progress.Phase.FAILED, f.getMessage());
            throw f;
        }
        run.stepDone(run.self, STEP);
        run.emit(STEP, null, Progress.Phase.DONE, "provisioning done");
    }

    /** Groups ordered so that each comes after the groups in its {@code after} (the parser refuses cycles). */
    static List<ContainerGroup> ordered(List<ContainerGroup> groups) {
        Map<String, ContainerGroup> byName = new LinkedHashMap<>();
        groups.forEach(g -> byName.put(g.name(), g));
        Set<String> done = new LinkedHashSet<>();
        List<ContainerGroup> order = new ArrayList<>();
        for (ContainerGroup g : groups) {
            visit(g, byName, done, order, new LinkedHashSet<>());
        }
        return order;
    }

    private static void visit(ContainerGroup g, Map<String, ContainerGroup> byName, Set<String> done,
            List<ContainerGroup> order, Set<String> path) {
        if (done.contains(g.name()) || !path.add(g.name())) {
            return;
        }
        for (String before : g.after()) {
            ContainerGroup other = byName.get(before);
            if (other != null) {
                visit(other, byName, done, order, path);
            }
        }
        done.add(g.name());
        order.add(g);
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
