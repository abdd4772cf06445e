package io.peeros.shell.internal.env;

import static io.peeros.shell.internal.FakePeerRegistry.idOf;

import io.peeros.container.api.ExecRequest;
import io.peeros.container.api.ExecResult;
import io.peeros.container.api.Quota;
import io.peeros.environment.api.Blueprint;
import io.peeros.environment.api.BlueprintError;
import io.peeros.environment.api.BlueprintException;
import io.peeros.environment.api.BlueprintFormat;
import io.peeros.environment.api.BlueprintParser;
import io.peeros.environment.api.ContainerGroup;
import io.peeros.environment.api.Environment;
import io.peeros.environment.api.EnvironmentContainer;
import io.peeros.environment.api.EnvironmentException;
import io.peeros.environment.api.EnvironmentService;
import io.peeros.environment.api.EnvironmentState;
import io.peeros.environment.api.Placement;
import io.peeros.environment.api.Plan;
import io.peeros.environment.api.PlannedContainer;
import io.peeros.environment.api.Progress;
import io.peeros.shell.internal.FakePeerRegistry;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A blueprint parser and an environment service in memory. A blueprint's text is its name; {@code invalid} is
 * refused with two errors. A build of {@code web} makes {@code env-web} with web-1 on beta and web-2 on gamma
 * (unknown to the registry); with {@link #waitForCancel} it stops after its first event until cancelled.
 */
public final class FakeEnvironments implements EnvironmentService, BlueprintParser {

    final TreeMap<String, Environment> environments = new TreeMap<>();
    final List<String> calls = new CopyOnWriteArrayList<>();
    final CountDownLatch started = new CountDownLatch(1);
    private final CountDownLatch cancelled = new CountDownLatch(1);
    volatile boolean waitForCancel;
    volatile EnvironmentState outcome = EnvironmentState.HEALTHY;
    volatile ExecResult execResult = new ExecResult(0, "hello\n".getBytes(StandardCharsets.UTF_8), new byte[0],
            false);
    Map<String, String> lastVariables;

    @Override
    public Blueprint parse(String fileName, String text, Map<String, String> variables) {
        calls.add("parse " + fileName);
        lastVariables = variables;
        if (text.strip().equals("invalid")) {
            throw new BlueprintException(List.of(
                    new BlueprintError(fileName, 3, 5, "containers[0].count", "must be 1 to 100, got 0"),
                    new BlueprintError(fileName, 0, 0, "--var size", "not a declared variable")), 0);
        }
        ContainerGroup web = new ContainerGroup("web", List.of("web-1", "web-2"), "debian-12", null,
                new Quota(null, 50, null, 512L << 20, null, null, 10L << 30, null), 2, Placement.ANY, List.of(),
                List.of(), List.of());
        return new Blueprint(fileName, BlueprintFormat.YAML, text.strip(), "", List.of(), variables, List.of(web),
                List.of(), List.of(), List.of());
    }

    @Override
    public Plan plan(Blueprint blueprint) {
        List<PlannedContainer> planned = containers(blueprint.name()).stream()
                .map(c -> new PlannedContainer(c, c.hostname().equals("web-1") ? "beta" : "gamma",
                        blueprint.containers().get(0).quota())).toList();
        return new Plan("env-" + blueprint.name(), blueprint, "10.200.7.0/24", planned);
    }

    @Override
    public Environment build(Blueprint blueprint, boolean keepOnFailure, Consumer<Progress> progress) {
        calls.add("build " + blueprint.name() + " keep=" + keepOnFailure);
        String id = "env-" + blueprint.name();
        progress.accept(event(id, "plan", null, Progress.Phase.DONE, "2 containers on 2 peers"));
        started.countDown();
        if (waitForCancel) {
            try {
                if (!cancelled.await(10, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("never cancelled");
                }
            } catch (InterruptedException e) {
                throw new IllegalStateException("the build's own thread was interrupted", e);
            }
            progress.accept(event(id, "rollback", null, Progress.Phase.DONE, "everything undone"));
            return put(new Environment(id, blueprint.name(), EnvironmentState.CANCELLED, idOf("local"),
                    "10.200.7.0/24", List.of(), Optional.of("cancelled by the operator"), FakePeerRegistry.NOW,
                    FakePeerRegistry.NOW));
        }
        progress.accept(event(id, "containers", idOf("beta"), Progress.Phase.PROGRESS, "web-1 started (10.200.7.11)"));
        progress.accept(event(id, "containers", idOf("gamma"), Progress.Phase.PROGRESS,
                "web-2 started (10.200.7.12)"));
        if (outcome == EnvironmentState.FAILED) {
            progress.accept(event(id, "provision", idOf("gamma"), Progress.Phase.FAILED, "web-2: apt-get exited 100"));
            return put(new Environment(id, blueprint.name(), EnvironmentState.FAILED, idOf("local"), "10.200.7.0/24",
                    List.of(), Optional.of("web-2: apt-get exited 100"), FakePeerRegistry.NOW, FakePeerRegistry.NOW));
        }
        progress.accept(event(id, "health", null, Progress.Phase.DONE, "2 of 2 containers healthy"));
        return put(healthy(blueprint.name()));
    }

    @Override
    public List<Environment> list() {
        return List.copyOf(environments.values());
    }

    @Override
    public Optional<Environment> get(String environment) {
        return environments.values().stream()
                .filter(e -> e.id().equals(environment) || e.name().equals(environment)).findFirst();
    }

    @Override
    public Environment grow(String environment, String group, int count, Consumer<Progress> progress) {
        calls.add("grow " + environment + " " + group + " " + count);
        Environment env = require(environment);
        progress.accept(event(env.id(), "containers", idOf("beta"), Progress.Phase.PROGRESS,
                "web-3 started (10.200.7.13)"));
        return env;
    }

    @Override
    public Environment resize(String environment, String group, Quota quota, Consumer<Progress> progress) {
        calls.add("resize " + environment + " " + group + " " + quota);
        Environment env = require(environment);
        progress.accept(event(env.id(), "resize", idOf("beta"), Progress.Phase.PROGRESS, "web-3: " + quota));
        return env;
    }

    @Override
    public Environment shrink(String environment, String group, int count, Consumer<Progress> progress) {
        calls.add("shrink " + environment + " " + group + " " + count);
        Environment env = require(environment);
        if (!group.equals("web")) {
            throw new EnvironmentException("GROUP_UNKNOWN", "environment " + env.name() + " has no group '" + group
                    + "'");
        }
        progress.accept(event(env.id(), "containers", idOf("gamma"), Progress.Phase.PROGRESS, "web-2 removed"));
        return env;
    }

    @Override
    public void destroy(String environment, Consumer<Progress> progress) {
        calls.add("destroy " + environment);
        Environment env = require(environment);
        progress.accept(event(env.id(), "destroy", idOf("beta"), Progress.Phase.DONE, "1 container removed"));
        environments.remove(env.id());
    }

    @Override
    public ExecResult exec(String environment, String container, ExecRequest request) {
        calls.add("exec " + environment + " " + container + " " + request.command());
        require(environment);
        return execResult;
    }

    @Override
    public boolean cancel(String environment) {
        calls.add("cancel " + environment);
        cancelled.countDown();
        return true;
    }

    @Override
    public AutoCloseable follow(String environment, Consumer<Progress> progress) {
        return () -> { };
    }

    public Environment put(Environment env) {
        environments.put(env.id(), env);
        return env;
    }

    public static Environment healthy(String name) {
        return new Environment("env-" + name, name, EnvironmentState.HEALTHY, idOf("local"), "10.200.7.0/24",
                containers(name), Optional.empty(), FakePeerRegistry.NOW.minusSeconds(3720),
                FakePeerRegistry.NOW.minusSeconds(3600));
    }

    static List<EnvironmentContainer> containers(String name) {
        return List.of(new EnvironmentContainer("env-" + name + "-web-1", "web-1", "web", idOf("beta"),
                        "10.200.7.11/24", "debian-12", List.of(new io.peeros.container.api.PortMapping(
                                "env-" + name + "-web-1", io.peeros.container.api.PortMapping.Protocol.TCP, 18080,
                                8080), new io.peeros.container.api.PortMapping("env-" + name + "-web-1",
                                        io.peeros.container.api.PortMapping.Protocol.UDP, 20053, 53))),
                new EnvironmentContainer("env-" + name + "-web-2", "web-2", "web", idOf("gamma"), "10.200.7.12/24",
                        "debian-12"));
    }

    private Environment require(String environment) {
        return get(environment).orElseThrow(() -> new EnvironmentException("ENVIRONMENT_NOT_FOUND",
                "no environment '" + environment + "'"));
    }

    private static Progress event(String id, String step, String peer, Progress.Phase phase, String message) {
        return new Progress(id, step, Optional.ofNullable(peer), phase, message, FakePeerRegistry.NOW);
    }
}
