package io.peeros.environment.internal.workflow;

import io.peeros.container.api.ExecRequest;
import io.peeros.container.api.ExecResult;
import io.peeros.container.api.Quota;
import io.peeros.container.api.QuotaService;
import io.peeros.environment.api.Blueprint;
import io.peeros.environment.api.ContainerGroup;
import io.peeros.environment.api.Environment;
import io.peeros.environment.api.EnvironmentException;
import io.peeros.environment.api.EnvironmentService;
import io.peeros.environment.api.EnvironmentState;
import io.peeros.environment.api.Plan;
import io.peeros.environment.api.PlannedContainer;
import io.peeros.environment.api.Progress;
import io.peeros.environment.api.peer.EnvironmentAgent;
import io.peeros.environment.internal.agent.AtomicFiles;
import io.peeros.identity.api.PeerIdentity;
import io.peeros.registry.api.PeerClient;
import io.peeros.registry.api.PeerRegistry;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds and manages the environments this peer initiates: plans them over this peer and the approved peers,
 * runs the {@link Workflow} with a journal per environment, rolls back on failure, and at activation finishes
 * or undoes what a restart interrupted ({@link Recovery}). One operation runs on an environment at a time.
 */
@Component(service = EnvironmentService.class, configurationPid = "io.peeros.environment.EnvironmentServiceImpl")
@Designate(ocd = EnvironmentServiceImpl.Config.class)
public class EnvironmentServiceImpl implements EnvironmentService {

    @ObjectClassDefinition(name = "PeerOS environment builder")
    public @interface Config {
        @AttributeDefinition(description = "Where the journals of the environments this peer built are kept")
        String journalDirectory() default "${karaf.data}/peeros/environments/built";

        @AttributeDefinition(description = "Attempts of a release on one peer during a rollback or destroy")
        int releaseAttempts() default 4;

        @AttributeDefinition(description = "Pause before the second attempt, doubled for each next one (ms)")
        long releaseBackoffMillis() default 1000;

        @AttributeDefinition(description = "Seconds between attempts to release on peers that could not be reached")
        int releasePendingSeconds() default 30;

        @AttributeDefinition(description = "Containers made at once on one peer (1 to 32)", min = "1", max = "32")
        int containersPerPeer() default 4;

        @AttributeDefinition(description = "Run each step on all the peers at once; false runs it on one peer "
                + "after another (with containersPerPeer 1, the sequential baseline of the benchmarks)")
        boolean peersInParallel() default true;

        @AttributeDefinition(description = "Minutes an Ansible step may take")
        long ansibleTimeoutMinutes() default 30;

        @AttributeDefinition(description = "At an orderly stop (bundle update, restart of this component), how "
                + "long operations under way get to reach the end of their step and pause (ms); past it they are "
                + "cut and their step runs again when they resume")
        long suspendMillis() default 2000;
    }

    private static final Logger LOG = LoggerFactory.getLogger(EnvironmentServiceImpl.class);
    private static final char[] BASE32 = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();

    private final EnvironmentAgent local;
    private final String self;
    private final Config config;
    private final Environments environments;
    private final Workflow workflow;
    private final Candidates candidates;
    private final Recovery recovery;
    private final SecureRandom random = new SecureRandom();
    private final ExecutorService executor = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "peeros-environment");
        t.setDaemon(true);
        return t;
    });
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "peeros-environment-release");
        t.setDaemon(true);
        return t;
    });
    private final List<Journal> interrupted;
    private volatile Future<?> recovered;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    volatile QuotaService quotas;

    /** Without a client only this peer can be used: the others are candidates that cannot be asked. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    volatile PeerClient client;

    @Activate
    public EnvironmentServiceImpl(@Reference(name = "agent") EnvironmentAgent local,
            @Reference(name = "registry") PeerRegistry registry, @Reference(name = "identity") PeerIdentity identity,
            Config config) {
        this.local = local;
        this.self = identity.peerId();
        this.config = config;
        this.environments = new Environments(new JournalStore(AtomicFiles.configured(config.journalDirectory())));
        this.workflow = new Workflow(new AnsibleRunner(config.ansibleTimeoutMinutes()),
                config.releaseAttempts(), config.releaseBackoffMillis());
        this.candidates = new Candidates(self, registry, this::agent, executor);
        this.recovery = new Recovery(self, local, environments, workflow, this::run, this::destroy, this::resume);
        this.interrupted = recovery.claim();
    }

    /**
     * Starts the recovery and the retries of owed releases, once the optional references (the peer client) are
     * bound: SCR calls this after the constructor and the binding methods.
     */
    @Activate
    void activate() {
        recovered = executor.submit(() -> recovery.recover(interrupted));
        int every = Math.max(1, config.releasePendingSeconds());
        scheduler.scheduleWithFixedDelay(recovery::retryPendingReleases, every, every, TimeUnit.SECONDS);
    }

    /**
     * An orderly stop: the builds, grows and shrinks under way pause at the end of their step (at most
     * {@code suspendMillis}) and are journalled as suspended, to be resumed by the next activation; then the
     * threads stop. What a crash cuts short instead is undone by the next activation ({@link Recovery}).
     */
    @Deactivate
    void deactivate() {
        environments.suspendAll();
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(Math.max(0, config.suspendMillis()));
        while (environments.anyResumableRunning() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        List<String> cut = environments.close();
        if (!cut.isEmpty()) {
            LOG.info("Environment operations cut at the stop, resumed at the next start: {}", cut);
        }
        scheduler.shutdownNow();
        executor.shutdownNow();
    }

    /** Whether {@link #deactivate} has asked the operations to pause. */
    boolean stopping() {
        return environments.closing();
    }

    /** Waits until the recovery started at activation is over. */
    void awaitRecovery() throws InterruptedException, ExecutionException {
        recovered.get();
    }

    /** Asks the peers that owe a release once more (the scheduler does it every {@code releasePendingSeconds}). */
    void retryPendingReleases() {
        recovery.retryPendingReleases();
    }

    @Override
    public Plan plan(Blueprint blueprint) {
        return plan(blueprint, candidates.gather());
    }

    private Plan plan(Blueprint blueprint, List<Candidate> found) {
        Ports.refuseUnsupported(blueprint);
        String id = newId(blueprint.name());
        String subnet = Planner.subnet(id, usedSubnets());
        List<Planner.Request> requests = blueprint.containers().stream()
                .map(g -> new Planner.Request(g, g.hostnames())).toList();
        return new Plan(id, blueprint, subnet, planner().place(id, subnet, requests, found, List.of(),
                Planner.labels(blueprint)));
    }

    @Override
    public Environment build(Blueprint blueprint, boolean keepOnFailure, Consumer<Progress> progress) {
        environments.refuseTakenName(blueprint.name());
        List<Candidate> found = candidates.gather();
        Plan plan = plan(blueprint, found);
        Operation op = new Operation(plan.environmentId(), "build", progress);
        Instant now = Instant.now();
        Journal journal = new Journal(plan, EnvironmentState.BUILDING, self, "build", List.of(), Map.of(),
                Set.of(), null, keepOnFailure, now, now, null);
        op.resumable = true;
        environments.create(journal, op);
        Run run = run(op, journal);
        run.templateSources(Planner.templateSources(found));
        try {
            op.emit("plan", null, Progress.Phase.DONE, plan.containers().size() + " container(s) on "
                    + plan.peerIds().size() + " peer(s), subnet " + plan.subnet());
            finishBuild(run);
        } finally {
            environments.end(op);
        }
        return environments.get(plan.environmentId()).toEnvironment();
    }

    /** Runs (or resumes) the build of the run's journal to HEALTHY, or rolls it back, or pauses it. */
    private void finishBuild(Run run) {
        Operation op = run.op;
        try {
            workflow.build(run, usedSubnets());
            run.save(run.journal().with(EnvironmentState.HEALTHY, null));
            op.emit(Workflow.HEALTH, null, Progress.Phase.DONE, "environment " + run.journal().id()
                    + " is HEALTHY");
        } catch (RuntimeException e) {
            if (op.suspending()) {
                suspended(run);
            } else if (e instanceof Operation.Cancelled) {
                workflow.rollback(run, "cancelled by the operator during step " + op.step,
                        EnvironmentState.CANCELLED);
            } else {
                String cause = StepFailure.describe(e);
                if (run.journal().keepOnFailure()) {
                    run.save(run.journal().with(EnvironmentState.FAILED, cause
                            + " (kept for debugging: destroy removes it)"));
                } else {
                    workflow.rollback(run, cause, EnvironmentState.FAILED);
                }
            }
        }
    }

    /** Journals the run as suspended (unless the stop already did) and tells its followers. */
    private void suspended(Run run) {
        try {
            environments.suspend(run.journal().id());
        } catch (RuntimeException e) {
            LOG.debug("Environment {}: the stop journalled the suspension: {}", run.journal().id(), e.toString());
        }
        run.emit(run.op.step, null, Progress.Phase.PROGRESS, "the " + run.journal().operation() + " is paused "
                + "before step " + run.op.step + ": the environment builder is stopping; it resumes when the "
                + "builder starts again (env:show tells where it stands)");
    }

    /** Resumes an operation that an orderly stop paused (called by {@link Recovery} at activation). */
    private void resume(Run run) {
        Journal j = run.journal();
        run.op.resumable = true;
        run.save(j.withSuspended(false));
        run.templateSources(Planner.templateSources(candidates.gather()));
        LOG.info("Resuming the {} of environment {} that the last stop paused", j.operation(), j.id());
        run.emit(Workflow.PREPARE, null, Progress.Phase.PROGRESS, "resuming the " + j.operation()
                + " where the last stop paused it");
        switch (j.operation()) {
            case "grow" -> finishGrow(run);
            case "shrink" -> finishShrink(run);
            default -> finishBuild(run);
        }
    }

    @Override
    public List<Environment> list() {
        return environments.all().stream().filter(j -> j.state() != EnvironmentState.DESTROYED)
                .map(Journal::toEnvironment).sorted(Comparator.comparing(Environment::name)).toList();
    }

    @Override
    public Optional<Environment> get(String environment) {
        return environments.find(environment).map(Journal::toEnvironment);
    }

    @Override
    public Environment grow(String environment, String group, int count, Consumer<Progress> progress) {
        Journal j = environments.healthy(environment, "grow");
        ContainerGroup g = group(j, group);
        if (count < 1 || count > 100) {
            throw new EnvironmentException("INVALID_REQUEST", "a grow adds 1 to 100 containers, not " + count);
        }
        Operation op = environments.start(j, "grow", progress);
        try {
            Plan plan = j.plan();
            List<String> groupHosts = plan.containers().stream().filter(p -> p.container().group().equals(group))
                    .map(p -> p.container().hostname()).toList();
            Set<String> taken = plan.containers().stream().map(p -> p.container().hostname())
                    .collect(Collectors.toSet());
            List<String> hostnames = Hostnames.next(groupHosts.isEmpty() ? g.hostnames() : groupHosts, taken, count);
            List<Candidate> found = candidates.gather();
            List<PlannedContainer> added = planner().place(j.id(), plan.subnet(), List.of(new Planner.Request(g,
                    hostnames)), found, plan.containers(), Planner.labels(plan.blueprint()));
            List<PlannedContainer> all = new ArrayList<>(plan.containers());
            all.addAll(added);
            op.resumable = true;
            Run run = run(op, j.starting("grow", EnvironmentState.BUILDING, added)
                    .withPlan(new Plan(j.id(), plan.blueprint(), plan.subnet(), all)));
            run.templateSources(Planner.templateSources(found));
            run.save(run.journal());
            finishGrow(run);
            return run.journal().toEnvironment();
        } finally {
            environments.end(op);
        }
    }

    /** Runs (or resumes) the grow of the run's journal; undoes it on failure; pauses it at a stop. */
    private void finishGrow(Run run) {
        List<PlannedContainer> added = run.journal().changing();
        String group = added.get(0).container().group();
        try {
            workflow.grow(run);
            run.save(run.journal().starting("grow", EnvironmentState.HEALTHY, List.of()));
            run.emit(Workflow.HEALTH, null, Progress.Phase.DONE, group + " grew by " + added.size());
        } catch (RuntimeException e) {
            if (run.op.suspending()) {
                suspended(run);
                return;
            }
            String cause = StepFailure.describe(e);
            workflow.undoGrow(run);
            run.save(run.journal().starting("grow", EnvironmentState.HEALTHY, List.of()));
            throw new EnvironmentException("OPERATION_FAILED", "the grow of group " + group + " failed: " + cause
                    + "; the containers it added were removed", e);
        }
    }

    @Override
    public Environment shrink(String environment, String group, int count, Consumer<Progress> progress) {
        Journal j = environments.healthy(environment, "shrink");
        group(j, group);
        List<PlannedContainer> members = j.plan().containers().stream()
                .filter(p -> p.container().group().equals(group)).toList();
        if (count < 1 || count >= members.size()) {
            throw new EnvironmentException("INVALID_REQUEST", "group " + group + " has " + members.size()
                    + " container(s) and at least one stays: remove 1 to " + (members.size() - 1) + ", not " + count);
        }
        Operation op = environments.start(j, "shrink", progress);
        try {
            List<PlannedContainer> victims = members.subList(members.size() - count, members.size());
            op.resumable = true;
            Run run = run(op, j.starting("shrink", EnvironmentState.BUILDING, victims));
            run.save(run.journal());
            finishShrink(run);
            return run.journal().toEnvironment();
        } finally {
            environments.end(op);
        }
    }

    /** Runs (or resumes) the shrink of the run's journal; pauses it at a stop. */
    private void finishShrink(Run run) {
        List<PlannedContainer> victims = run.journal().changing();
        String group = victims.get(0).container().group();
        try {
            workflow.shrink(run);
            run.save(run.journal().starting("shrink", EnvironmentState.HEALTHY, List.of()));
            run.emit(Workflow.NETWORK, null, Progress.Phase.DONE, group + " shrank by " + victims.size());
        } catch (RuntimeException e) {
            if (run.op.suspending()) {
                suspended(run);
                return;
            }
            run.save(run.journal().starting("shrink", EnvironmentState.HEALTHY, List.of()));
            throw new EnvironmentException("OPERATION_FAILED", "the shrink of group " + group + " failed: "
                    + StepFailure.describe(e) + "; run it again to finish", e);
        }
    }

    @Override
    public Environment resize(String environment, String group, Quota quota, Consumer<Progress> progress) {
        Journal j = environments.healthy(environment, "resize");
        ContainerGroup g = group(j, group);
        if (quota == null || quota.isNone()) {
            throw new EnvironmentException("INVALID_REQUEST", "a resize needs at least one limit");
        }
        Operation op = environments.start(j, "resize", progress);
        try {
            Quota target = planner().quota(g).merge(quota);
            List<PlannedContainer> members = j.plan().containers().stream()
                    .filter(p -> p.container().group().equals(group)).toList();
            // the containers keep running: the environment stays HEALTHY throughout
            Run run = run(op, j.starting("resize", EnvironmentState.HEALTHY, members));
            run.save(run.journal());
            Map<String, Quota> previous = new ConcurrentHashMap<>();
            try {
                workflow.resize(run, target, previous);
            } catch (RuntimeException e) {
                String cause = StepFailure.describe(e);
                workflow.undoResize(run, previous);
                run.save(run.journal().starting("resize", EnvironmentState.HEALTHY, List.of()));
                throw new EnvironmentException("OPERATION_FAILED", "the resize of group " + group + " failed: "
                        + cause + "; the containers it changed were put back to their previous limits", e);
            }
            run.save(run.journal().withPlan(Resize.recorded(j.plan(), g, target))
                    .starting("resize", EnvironmentState.HEALTHY, List.of()));
            op.emit(Workflow.HEALTH, null, Progress.Phase.DONE, group + " resized to " + target);
            return run.journal().toEnvironment();
        } finally {
            environments.end(op);
        }
    }

    @Override
    public void destroy(String environment, Consumer<Progress> progress) {
        Journal j = environments.required(environment);
        Operation op = environments.start(j, "destroy", progress);
        try {
            destroy(run(op, j));
        } finally {
            environments.end(op);
        }
    }

    @Override
    public ExecResult exec(String environment, String container, ExecRequest request) {
        Journal j = environments.required(environment);
        PlannedContainer target = j.plan().containers().stream()
                .filter(p -> p.container().name().equals(container) || p.container().hostname().equals(container))
                .findFirst().orElseThrow(() -> new EnvironmentException("INVALID_REQUEST", "environment " + j.id()
                        + " has no container '" + container + "'"));
        return agent(target.container().peerId()).exec(self, j.id(), target.container().name(), request);
    }

    @Override
    public boolean cancel(String environment) {
        Journal j = environments.find(environment).orElse(null);
        Operation op = j == null ? null : environments.running(j.id());
        // a build or grow resumed after a stop runs as the recovery's operation
        String kind = op == null ? null : op.resumable ? j.operation() : op.kind;
        if (!"build".equals(kind) && !"grow".equals(kind)) {
            return false;
        }
        op.cancel();
        return true;
    }

    @Override
    public AutoCloseable follow(String environment, Consumer<Progress> progress) {
        Journal j = environments.required(environment);
        Operation op = environments.running(j.id());
        return op == null ? () -> { } : op.follow(progress);
    }

    private void destroy(Run run) {
        Journal j = run.journal();
        run.save(j.with(EnvironmentState.DESTROYING, j.failure()));
        Set<String> pending = workflow.releaseEverywhere(run, Workflow.DESTROY, Workflow.touched(j));
        if (pending.isEmpty()) {
            environments.forget(j.id());
            return;
        }
        run.save(run.journal().with(EnvironmentState.DESTROYED, j.failure()).withPending(pending));
        throw new EnvironmentException("PEER_UNREACHABLE", "environment " + j.id() + " is gone except on "
                + pending.stream().map(run::label).collect(Collectors.joining(", "))
                + ", which could not be reached: the release there is retried every "
                + config.releasePendingSeconds() + " s until they answer");
    }

    private Run run(Operation op, Journal journal) {
        int perPeer = Math.min(32, Math.max(1, config.containersPerPeer()));
        return new Run(op, self, this::agent, executor, environments::save, perPeer, config.peersInParallel(),
                journal);
    }

    private EnvironmentAgent agent(String peerId) {
        if (peerId.equals(self)) {
            return local;
        }
        PeerClient c = client;
        if (c == null) {
            throw new EnvironmentException("PEER_UNREACHABLE", "no peer-to-peer client is running on this peer, so "
                    + "peer " + peerId.substring(0, Math.min(12, peerId.length())) + " cannot be called");
        }
        return new RemoteAgent(c, peerId, P2pJson.mapper());
    }

    private static ContainerGroup group(Journal j, String group) {
        return j.plan().blueprint().group(group).orElseThrow(() -> new EnvironmentException("GROUP_UNKNOWN",
                "environment " + j.id() + " has no group '" + group + "'; its groups are " + j.plan().blueprint()
                        .containers().stream().map(ContainerGroup::name).collect(Collectors.joining(", "))));
    }

    private Set<String> usedSubnets() {
        Set<String> used = new HashSet<>();
        environments.all().stream().filter(j -> j.state() != EnvironmentState.DESTROYED)
                .forEach(j -> used.add(j.plan().subnet()));
        try {
            local.hosted().forEach(h -> used.add(h.subnet()));
        } catch (RuntimeException e) {
            LOG.warn("Could not list the environments hosted here: {}", e.getMessage());
        }
        return used;
    }

    private Planner planner() {
        QuotaService q = quotas;
        return new Planner(q != null ? q.sizeClasses() : Planner.defaultSizes());
    }

    private String newId(String name) {
        String base = name.length() > 57 ? name.substring(0, 57).replaceAll("-+$", "") : name;
        StringBuilder id = new StringBuilder(base).append('-');
        for (int i = 0; i < 6; i++) {
            id.append(BASE32[random.nextInt(32)]);
        }
        return id.toString();
    }
}
