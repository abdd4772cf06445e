package io.peeros.environment.internal.workflow;

import io.peeros.environment.api.AnsibleStep;
import io.peeros.environment.api.EnvironmentException;
import io.peeros.environment.api.PlannedContainer;
import io.peeros.environment.api.Progress;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Runs an Ansible step with {@code ansible-playbook} on the builder peer, against the environment's containers by
 * address (the builder must reach the environment's subnet). Only inline playbooks are supported yet.
 */
final class AnsibleRunner {

    private final String command;
    private final long timeoutMinutes;

    AnsibleRunner(String command, long timeoutMinutes) {
        this.command = command;
        this.timeoutMinutes = timeoutMinutes;
    }

    void run(AnsibleStep step, List<PlannedContainer> containers, Run run) {
        String where = run.label(run.self);
        Path executable = find(command);
        if (executable == null) {
            throw failure(run, "'" + command + "' is not installed on the builder peer " + where
                    + ": install the 'ansible' package (e.g. apt-get install ansible) or remove the ansible step");
        }
        if (step.inline() == null) {
            throw failure(run, "only inline playbooks are supported yet; playbook '" + step.playbook() + "'"
                    + (step.sourceUrl() == null ? "" : " from " + step.sourceUrl()) + " cannot be run");
        }
        Path dir = null;
        try {
            dir = Files.createTempDirectory("peeros-ansible-");
            Files.writeString(dir.resolve("playbook.yml"), step.inline(), StandardCharsets.UTF_8);
            Files.writeString(dir.resolve("inventory.ini"), inventory(step, containers), StandardCharsets.UTF_8);
            List<String> argv = new ArrayList<>(List.of(executable.toString(), "-i", "inventory.ini"));
            step.extraVars().forEach((k, v) -> argv.addAll(List.of("-e", k + "=" + v)));
            argv.add("playbook.yml");
            run.emit(Provisioner.STEP, run.self, Progress.Phase.PROGRESS, "running " + String.join(" ", argv));
            Process process = new ProcessBuilder(argv).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("output.log").toFile()).start();
            if (!process.waitFor(timeoutMinutes, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw failure(run, "ansible-playbook took more than " + timeoutMinutes + " minutes");
            }
            if (process.exitValue() != 0) {
                String out = Files.readString(dir.resolve("output.log"), StandardCharsets.UTF_8).strip();
                throw failure(run, "ansible-playbook exited " + process.exitValue() + ": "
                        + (out.length() > 800 ? "…" + out.substring(out.length() - 800) : out));
            }
        } catch (IOException e) {
            throw failure(run, "could not run ansible-playbook: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failure(run, "interrupted while ansible-playbook ran");
        } finally {
            delete(dir);
        }
    }

    private static String inventory(AnsibleStep step, List<PlannedContainer> containers) {
        Map<String, List<String>> groups = new LinkedHashMap<>(step.inventory());
        if (groups.isEmpty()) {
            for (PlannedContainer p : containers) {
                groups.computeIfAbsent(p.container().group(), g -> new ArrayList<>()).add(p.container().hostname());
            }
        }
        StringBuilder ini = new StringBuilder();
        groups.forEach((group, hosts) -> {
            ini.append('[').append(group).append("]\n");
            for (String host : hosts) {
                containers.stream().filter(p -> p.container().hostname().equals(host)).findFirst().ifPresent(p ->
                        ini.append(host).append(" ansible_host=").append(Planner.ip(p.container().address()))
                                .append(" ansible_user=root\n"));
            }
        });
        return ini.toString();
    }

    private static Path find(String command) {
        if (command.contains(File.separator)) {
            Path p = Path.of(command);
            return Files.isExecutable(p) ? p : null;
        }
        String path = System.getenv("PATH");
        for (String dir : path == null ? new String[0] : path.split(File.pathSeparator)) {
            Path p = Path.of(dir, command);
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        return null;
    }

    private static StepFailure failure(Run run, String why) {
        return new StepFailure(Provisioner.STEP, run.self, run.label(run.self),
                new EnvironmentException("PROVISIONING_FAILED", why));
    }

    private static void delete(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary directory left behind is harmless
        }
    }
}
