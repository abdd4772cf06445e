package io.peeros.rest.internal.support;

import io.peeros.container.api.ExecRequest;
import io.peeros.container.api.ExecResult;
import io.peeros.container.api.Quota;
import io.peeros.environment.api.Blueprint;
import io.peeros.environment.api.Environment;
import io.peeros.environment.api.EnvironmentContainer;
import io.peeros.environment.api.EnvironmentException;
import io.peeros.environment.api.EnvironmentService;
import io.peeros.environment.api.EnvironmentState;
import io.peeros.environment.api.Plan;
import io.peeros.environment.api.PlannedContainer;
import io.peeros.environment.api.Progress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Environments in memory. A build of blueprint {@code name} makes environment {@code env-<name>} with the
 * blueprint's containers on peer {@code PEER}; its first event comes at once, the rest once {@link #gate} is
 * open, so a test can follow it while it runs. Grow, shrink and destroy report two events each.
 */
public final class FakeEnvironmentService implements EnvironmentService {

    public static final String PEER = "b2".repeat(32);
    public static final Instant T0 = Instant.parse("2026-11-21T12:00:00Z");

    public final Map<String, Environment> environments = new ConcurrentHashMap<>();
    public final List<String> calls = new CopyOnWriteArrayList<>();
    private final Map<String, List<Consumer<Progress>>> followers = new ConcurrentHashMap<>();
    /** Opened by the test to let a build go on past its first event; open by default. */
    public volatile CountDownLatch gate = new CountDownLatch(0);
    /** Thrown by the next build before anything is made (a placement that is impossible). */
    public volatile EnvironmentException refusal;
    /** The state a build ends in. */
    public volatile EnvironmentState outcome = EnvironmentState.HEALTHY;

    @Override
    public Plan plan(Blueprint blueprint) {
        calls.add("plan " + blueprint.name());
        List<PlannedContainer> planned = containers(blueprint).stream()
                .map(c -> new PlannedContainer(c, "beta", blueprint.containers().get(0).quota())).toList();
        return new Plan("env-" + blueprint.name(), blueprint, "10.200.7.0/24", planned);
    }

    @Override
    public Environment build(Blueprint blueprint, boolean keepOnFailure, Consumer<Progress> progress) {
        calls.add("build " + blueprint.name() + " keep=" + keepOnFailure);
        EnvironmentException e = refusal;
        if (e != null) {
            throw e;
        }
        String id = "env-" + blueprint.name();
        put(new Environment(id, blueprint.name(), EnvironmentState.BUILDING, "a1".repeat(32), "10.200.7.0/24",
                List.of(), Optional.empty(), T0, T0));
        emit(id, progress, "plan", null, Progress.Phase.DONE, "2 containers on 1 peer");
        await();
        for (EnvironmentContainer c : containers(blueprint)) {
            emit(id, progress, "containers", PEER, Progress.Phase.PROGRESS, c.hostname() + " started ("
                    + c.address().replace("/24", "") + ")");
        }
        Environment done = new Environment(id, blueprint.name(), outcome, "a1".repeat(32), "10.200.7.0/24",
                outcome == EnvironmentState.HEALTHY ? containers(blueprint) : List.of(),
                outcome == EnvironmentState.FAILED ? Optional.of("web-2: template missing") : Optional.empty(),
                T0, T0.plusSeconds(30));
        put(done);
        emit(id, progress, "health", null, Progress.Phase.DONE, "environment " + outcome);
        return done;
    }

    @Override
    public List<Environment> list() {
        return environments.values().stream().sorted((a, b) -> a.name().compareTo(b.name())).toList();
    }

    @Override
    public Optional<Environment> get(String environment) {
        Environment byId = environments.get(environment);
        if (byId != null) {
            return Optional.of(byId);
        }
        return environments.values().stream().filter(e -> e.name().equals(environment)).findFirst();
    }

    @Override
    public Environment resize(String environment, String group, Quota quota, Consumer<Progress> progress) {
        calls.add("resize " + environment + " " + group + " " + quota);
        Environment env = require(environment);
        if (!group.equals("web")) {
            throw new EnvironmentException("GROUP_UNKNOWN", "No group '" + group + "' in " + env.name() + ".");
        }
        emit(env.id(), progress, "resize", PEER, Progress.Phase.DONE, "resized");
        return env;
    }

    @Override
    public Environment grow(String environment, String group, int count, Consumer<Progress> progress) {
        calls.add("grow " + environment + " " + group + " " + count);
        Environment env = require(environment);
        if (!group.equals("web")) {
            throw new EnvironmentException("GROUP_UNKNOWN", "No group '" + group + "' in " + env.name() + ".");
        }
        emit(env.id(), progress, "containers", PEER, Progress.Phase.STARTED, "adding " + count);
        emit(env.id(), progress, "containers", PEER, Progress.Phase.DONE, "added " + count);
        return env;
    }

    @Override
    public Environment shrink(String environment, String group, int count, Consumer<Progress> progress) {
        calls.add("shrink " + environment + " " + group + " " + count);
        Environment env = require(environment);
        emit(env.id(), progress, "containers", PEER, Progress.Phase.DONE, "removed " + count);
        return env;
    }

    @Override
    public void destroy(String environment, Consumer<Progress> progress) {
        calls.add("destroy " + environment);
        Environment env = require(environment);
        emit(env.id(), progress, "destroy", PEER, Progress.Phase.STARTED, "removing containers");
        environments.remove(env.id());
        emit(env.id(), progress, "destroy", null, Progress.Phase.DONE, "destroyed");
    }

    @Override
    public ExecResult exec(String environment, String container, ExecRequest request) {
        calls.add("exec " + environment + " " + container + " " + request.command());
        require(environment);
        return new ExecResult(0, "hello\n".getBytes(StandardCharsets.UTF_8), new byte[0], false);
    }

    @Override
    public boolean cancel(String environment) {
        calls.add("cancel " + environment);
        Environment env = require(environment);
        return env.state() == EnvironmentState.BUILDING;
    }

    @Override
    public AutoCloseable follow(String environment, Consumer<Progress> progress) {
        Environment env = require(environment);
        List<Consumer<Progress>> list = followers.computeIfAbsent(env.id(), k -> new CopyOnWriteArrayList<>());
        list.add(progress);
        return () -> list.remove(progress);
    }

    /** How many streams follow the environment now. */
    public int followers(String id) {
        return followers.getOrDefault(id, List.of()).size();
    }

    public Environment put(Environment environment) {
        environments.put(environment.id(), environment);
        return environment;
    }

    public static List<EnvironmentContainer> containers(Blueprint blueprint) {
        return List.of(new EnvironmentContainer("env-" + blueprint.name() + "-web-1", "web-1", "web", PEER,
                        "10.200.7.11/24", "debian-12"),
                new EnvironmentContainer("env-" + blueprint.name() + "-web-2", "web-2", "web", PEER,
                        "10.200.7.12/24", "debian-12"));
    }

    private Environment require(String environment) {
        return get(environment).orElseThrow(() -> new EnvironmentException("ENVIRONMENT_NOT_FOUND",
                "No environment '" + environment + "' on this peer."));
    }

    private void emit(String id, Consumer<Progress> progress, String step, String peer, Progress.Phase phase,
            String message) {
        Progress event = new Progress(id, step, Optional.ofNullable(peer), phase, message, T0);
        progress.accept(event);
        followers.getOrDefault(id, List.of()).forEach(f -> f.accept(event));
    }

    private void await() {
        try {
            if (!gate.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the test never opened the gate");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EnvironmentException("CANCELLED", "interrupted");
        }
    }
}
