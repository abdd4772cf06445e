package io.peeros.environment.internal.workflow;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.peeros.container.api.ExecRequest;
import io.peeros.container.api.ExecResult;
import io.peeros.environment.api.AnsibleStep;
import io.peeros.environment.api.EnvironmentContainer;
import io.peeros.environment.api.EnvironmentException;
import io.peeros.environment.api.PlannedContainer;
import io.peeros.environment.api.Progress;
import io.peeros.environment.internal.agent.GuestFiles;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs an Ansible step as the API defines it: {@code ansible-playbook} inside the step's target container (which
 * must have the {@code ansible} package), against an inventory of the environment's containers by address; the
 * target itself is reached with a local connection. The playbook is the step's inline text, or comes from its
 * {@code source} zip (fetched in the container with Python, which Ansible needs anyway).
 */
final class AnsibleRunner {

    static final String DIRECTORY = "/root/.peeros-ansible";
    private static final String FETCH = "import io,sys,urllib.request,zipfile;"
            + "zipfile.ZipFile(io.BytesIO(urllib.request.urlopen(sys.argv[1],timeout=300).read())).extractall('src')";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final long timeoutMinutes;

    AnsibleRunner(long timeoutMinutes) {
        this.timeoutMinutes = timeoutMinutes;
    }

    void run(AnsibleStep step, List<PlannedContainer> containers, Run run) {
        EnvironmentContainer target = containers.stream().map(PlannedContainer::container)
                .filter(c -> c.hostname().equals(step.target()) || c.group().equals(step.target())).findFirst()
                .orElseThrow(() -> new EnvironmentException("PROVISIONING_FAILED", "the ansible step's target '"
                        + step.target() + "' is no container of the environment"));
        String where = "container " + target.hostname() + " on peer " + run.label(target.peerId());
        if (shell(run, target, "command -v ansible-playbook", Duration.ofSeconds(30)).exitCode() != 0) {
            throw failure(run, target, "ansible-playbook is not installed in " + where + ": install the 'ansible' "
                    + "package there first (e.g. a shell step 'apt-get install -y ansible' in " + target.group() + ")");
        }
        String playbook;
        if (step.inline() != null) {
            write(run, target, DIRECTORY + "/playbook.yml", step.inline());
            playbook = "playbook.yml";
        } else if (step.sourceUrl() != null) {
            ExecResult fetched = exec(run, target, List.of("/bin/sh", "-c", "mkdir -p \"$0\" && cd \"$0\" && rm -rf src"
                    + " && python3 -c \"$1\" \"$2\"", DIRECTORY, FETCH, step.sourceUrl()), Duration.ofMinutes(10));
            if (fetched.exitCode() != 0) {
                throw failure(run, target, "could not fetch " + step.sourceUrl() + " in " + where + tail(fetched));
            }
            playbook = "src/" + step.playbook();
        } else {
            throw failure(run, target, "playbook '" + step.playbook() + "' is a file next to the blueprint, which "
                    + "is not sent to the peers yet: give it inline, or in a source archive");
        }
        write(run, target, DIRECTORY + "/inventory.ini", inventory(step, containers, target));
        List<String> argv = new ArrayList<>(List.of("/bin/sh", "-c",
                "cd \"$0\" && ANSIBLE_HOST_KEY_CHECKING=False exec ansible-playbook -i inventory.ini \"$@\"",
                DIRECTORY));
        if (!step.extraVars().isEmpty()) {
            argv.addAll(List.of("-e", extraVars(step.extraVars())));
        }
        argv.add(playbook);
        run.emit(Provisioner.STEP, target.peerId(), Progress.Phase.PROGRESS, target.hostname()
                + ": ansible-playbook " + playbook);
        ExecResult result = exec(run, target, argv, Duration.ofMinutes(timeoutMinutes));
        if (result.exitCode() != 0) {
            throw failure(run, target, "ansible-playbook exited " + result.exitCode() + " in " + where
                    + tail(result));
        }
    }

    /**
     * The extra variables as one JSON object: Ansible takes its values verbatim, where {@code -e k=v} would split
     * a value at its spaces and read quotes ({@code -e "greeting=hello world"} gives {@code greeting=hello}).
     */
    static String extraVars(Map<String, String> vars) {
        try {
            return JSON.writeValueAsString(vars);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static String inventory(AnsibleStep step, List<PlannedContainer> containers, EnvironmentContainer target) {
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
                containers.stream().map(PlannedContainer::container)
                        .filter(c -> c.hostname().equals(host) || c.group().equals(host)).forEach(c -> {
                            ini.append(c.hostname());
                            if (c.equals(target)) {
                                ini.append(" ansible_connection=local\n");
                            } else {
                                ini.append(" ansible_host=").append(Planner.ip(c.address()))
                                        .append(" ansible_user=root\n");
                            }
                        });
            }
        });
        return ini.toString();
    }

    private void write(Run run, EnvironmentContainer target, String path, String content) {
        ExecResult r = exec(run, target, GuestFiles.writeContent(path, content, 0600).command(),
                Duration.ofSeconds(60));
        if (r.exitCode() != 0) {
            throw failure(run, target, "could not write " + path + tail(r));
        }
    }

    private ExecResult shell(Run run, EnvironmentContainer target, String command, Duration timeout) {
        return exec(run, target, List.of("/bin/sh", "-c", command), timeout);
    }

    private ExecResult exec(Run run, EnvironmentContainer target, List<String> argv, Duration timeout) {
        try {
            return run.agent(target.peerId()).exec(run.self, run.journal().id(), target.name(),
                    new ExecRequest(argv, Map.of(), null, null, timeout));
        } catch (RuntimeException e) {
            throw new StepFailure(Provisioner.STEP, target.peerId(), run.label(target.peerId()), e);
        }
    }

    private static StepFailure failure(Run run, EnvironmentContainer target, String why) {
        return new StepFailure(Provisioner.STEP, target.peerId(), run.label(target.peerId()),
                new EnvironmentException("PROVISIONING_FAILED", why));
    }

    private static String tail(ExecResult result) {
        String out = (result.stdout().strip() + "\n" + result.stderr().strip()).strip();
        return out.isEmpty() ? "" : ": " + (out.length() > 800 ? "…" + out.substring(out.length() - 800) : out);
    }
}
