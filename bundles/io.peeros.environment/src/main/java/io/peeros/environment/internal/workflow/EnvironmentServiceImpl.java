package io.peeros.environment.internal.workflow;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.peeros.container.api.ExecRequest;
import io.peeros.container.api.ExecResult;
import io.peeros.container.api.Quota;
import io.peeros.container.api.QuotaService;
import io.peeros.container.api.SizeClass;
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
import io.peeros.environment.api.peer.HostedEnvironment;
import io.peeros.environment.internal.agent.AtomicFiles;
import io.peeros.identity.api.PeerIdentity;
import io.peeros.registry.api.PeerClient;
import io.peeros.registry.api.PeerRegistry;
import io.peeros.registry.api.PeerState;
import io.peeros.registry.api.RemotePeer;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
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
 * or undoes what a restart interrupted. One operation runs on an environment at a time.
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

        @AttributeDefinition(description = "Containers made at once on one peer")
        int containersPerPeer() default 4;

        @AttributeDefinition(description = "The ansible-playbook command on this peer")
        String ansiblePlaybook() default "ansible-playbook";

        @AttributeDefinition(description = "Minutes an Ansible step may take")
        long ansibleTimeoutMinutes() default 30;
    }

    static final String INTERRUPTED = "interrupted by a restart of the builder";
    private static final Logger LOG = LoggerFactory.getLogger(EnvironmentServiceImpl.class);
    private static final char[] BASE32 = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();

    private final EnvironmentAgent local;
    private final PeerClient client;
    private final PeerRegistry registry;
    private final PeerIdentity identity;
    private final Config config;
    private final JournalStore store;
    private final Workflow workflow;
    private final ObjectMapper mapper = P2pJson.mapper();
    private final SecureRandom random = new SecureRandom();
    private final ConcurrentMap<String, Journal> journals = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Operation> running = new ConcurrentHashMap<>();
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
    private final Future<?> recovery;
    private volatile QuotaService quotas;

    @Activate
    public EnvironmentServiceImpl(@Reference(name = "agent") EnvironmentAgent local,
            @Reference(name = "client") PeerClient client, @Reference(name = "registry") PeerRegistry registry,
            @Reference(name = "identity") PeerIdentity identity, Config config) {
        this.local = local;
        this.client = client;
        this.registry = registry;
        this.identity = identity;
        this.config = config;
        this.store = new JournalStore(AtomicFiles.configured(config.journalDirectory()));
        this.workflow = new Workflow(new AnsibleRunner(config.ansiblePlaybook(), config.ansibleTimeoutMinutes()),
                config.releaseAttempts(), config.releaseBackoffMillis());
        List<Journal> loaded = store.load();
        List<Journal> interrupted = new ArrayList<>();
        for (Journal j : loaded) {
            journals.put(j.id(), j);
            if (j.state() == EnvironmentState.BUILDING || j.state() == EnvironmentState.ROLLING_BACK
                    || j.state() == EnvironmentState.DESTROYING) {
                running.put(j.id(), new Operation(j.id(), "recovery", null));
                interrupted.add(j);
            }
        }
        this.recovery = executor.submit(() -> recover(interrupted));
        int every = Math.max(1, config.releasePendingSeconds());
        scheduler.scheduleWithFixedDelay(this::retryPendingReleases, every, every, TimeUnit.SECONDS);
    }

    @Deactivate
    void deactivate() {
        scheduler.shutdownNow();
        executor.shutdownNow();
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    public void setQuotaService(QuotaService service) {
        quotas = service;
    }

    public void unsetQuotaService(QuotaService service) {
        if (quotas == service) {
            quotas = null;
        }
    }

    /** Waits until the recovery started at activation is over (for tests and the shell). */
    void awaitRecovery() throws InterruptedException, ExecutionException {
        recovery.get();
    }

    @Override
    public Plan plan(Blueprint blueprint) {
        String id = newId(blueprint.name());
        String subnet = Planner.subnet(id, usedSubnets());
        List<Planner.Request> requests = blueprint.containers().stream()
                .map(g -> new Planner.Request(g, g.hostnames())).toList();
        List<PlannedContainer> containers = planner().place(id, subnet, requests, candidates(), List.of(),
                labels(blueprint));
        return new Plan(id, blueprint, subnet, containers);
    }

    @Override
    public Environment build(Blueprint blueprint, boolean keepOnFailure, Consumer<Progress> progress) {
        refuseTakenName(blueprint.name());
        Plan plan = plan(blueprint);
        Operation op = new Operation(plan.environmentId(), "build", progress);
        Instant now = Instant.now();
        Journal journal = new Journal(plan, EnvironmentState.BUILDING, self(), "build", List.of(), Map.of(),
                Set.of(), null, keepOnFailure, now, now);
        synchronized (journals) {
            refuseTakenName(blueprint.name());
            running.put(plan.environmentId(), op);
            save(journal);
        }
        Run run = run(op, journal);
        try {
            op.emit("plan", null, Progress.Phase.DONE, plan.containers().size() + " container(s) on "
                    + plan.peerIds().size() + " peer(s), subnet " + plan.subnet());
            workflow.build(run, usedSubnets());
            run.save(run.journal().with(EnvironmentState.HEALTHY, null));
            op.emit(Workflow.HEALTH, null, Progress.Phase.DONE, "environment " + plan.environmentId()
                    + " is HEALTHY");
        } catch (Operation.Cancelled e) {
            workflow.rollback(run, "cancelled by the operator during step " + op.step, EnvironmentState.CANCELLED);
        } catch (RuntimeException e) {
            String cause = StepFailure.describe(e);
            if (keepOnFailure) {
                run.save(run.journal().with(EnvironmentState.FAILED, cause
                        + " (kept for debugging: destroy removes it)"));
            } else {
                workflow.rollback(run, cause, EnvironmentState.FAILED);
            }
        } finally {
            running.remove(plan.environmentId(), op);
        }
        return journals.get(plan.environmentId()).toEnvironment();
    }

    @Override
    public List<Environment> list() {
        return journals.values().stream().filter(j -> j.state() != EnvironmentState.DESTROYED)
                .map(Journal::toEnvironment).sorted(Comparator.comparing(Environment::name)).toList();
    }

    @Override
    public Optional<Environment> get(String environment) {
        return find(environment).map(Journal::toEnvironment);
    }

    @Override
    public Environment grow(String environment, String group, int count, Consumer<Progress> progress) {
        Journal j = healthy(environment, "grow");
        ContainerGroup g = group(j, group);
        if (count < 1 || count > 100) {
            throw new EnvironmentException("INVALID_REQUEST", "a grow adds 1 to 100 containers, not " + count);
        }
        Operation op = start(j, "grow", progress);
        try {
            Plan plan = j.plan();
            List<String> groupHosts = plan.containers().stream().filter(p -> p.container().group().equals(group))
                    .map(p -> p.container().hostname()).toList();
            Set<String> taken = plan.containers().stream().map(p -> p.container().hostname())
                    .collect(Collectors.toSet());
            List<String> hostnames = Hostnames.next(groupHosts.isEmpty() ? g.hostnames() : groupHosts, taken, count);
            List<PlannedContainer> added = planner().place(j.id(), plan.subnet(), List.of(new Planner.Request(g,
                    hostnames)), candidates(), plan.containers(), labels(plan.blueprint()));
            List<PlannedContainer> all = new ArrayList<>(plan.containers());
            all.addAll(added);
            Journal growing = j.starting("grow", EnvironmentState.BUILDING, added)
                    .withPlan(new Plan(j.id(), plan.blueprint(), plan.subnet(), all));
            Run run = run(op, growing);
            run.save(growing);
            try {
                workflow.grow(run);
                run.save(run.journal().starting("grow", EnvironmentState.HEALTHY, List.of()));
                op.emit(Workflow.HEALTH, null, Progress.Phase.DONE, group + " grew by " + count);
                return run.journal().toEnvironment();
            } catch (RuntimeException e) {
                String cause = StepFailure.describe(e);
                workflow.undoGrow(run);
                run.save(run.journal().starting("grow", EnvironmentState.HEALTHY, List.of()));
                throw new EnvironmentException("OPERATION_FAILED", "the grow of group " + group + " failed: " + cause
                        + "; the containers it added were removed", e);
            }
        } finally {
            running.remove(j.id(), op);
        }
    }

    @Override
    public Environment shrink(String environment, String group, int count, Consumer<Progress> progress) {
        Journal j = healthy(environment, "shrink");
        group(j, group);
        List<PlannedContainer> members = j.plan().containers().stream()
                .filter(p -> p.container().group().equals(group)).toList();
        if (count < 1 || count >= members.size()) {
            throw new EnvironmentException("INVALID_REQUEST", "group " + group + " has " + members.size()
                    + " container(s) and at least one stays: remove 1 to " + (members.size() - 1) + ", not " + count);
        }
        Operation op = start(j, "shrink", progress);
        try {
            List<PlannedContainer> victims = members.subList(members.size() - count, members.size());
            Run run = run(op, j.starting("shrink", EnvironmentState.BUILDING, victims));
            run.save(run.journal());
            try {
                workflow.shrink(run);
                run.save(run.journal().starting("shrink", EnvironmentState.HEALTHY, List.of()));
                op.emit(Workflow.NETWORK, null, Progress.Phase.DONE, group + " shrank by " + count);
                return run.journal().toEnvironment();
            } catch (RuntimeException e) {
                run.save(run.journal().starting("shrink", EnvironmentState.HEALTHY, List.of()));
                throw new EnvironmentException("OPERATION_FAILED", "the shrink of group " + group + " failed: "
                        + StepFailure.describe(e) + "; run it again to finish", e);
            }
        } finally {
            running.remove(j.id(), op);
        }
    }

    @Override
    public void destroy(String environment, Consumer<Progress> progress) {
        Journal j = required(environment);
        Operation op = start(j, "destroy", progress);
        try {
            destroy(run(op, j));
        } finally {
            running.remove(j.id(), op);
        }
    }

    @Override
    public ExecResult exec(String environment, String container, ExecRequest request) {
        Journal j = required(environment);
        PlannedContainer target = j.plan().containers().stream()
                .filter(p -> p.container().name().equals(container) || p.container().hostname().equals(container))
                .findFirst().orElseThrow(() -> new EnvironmentException("INVALID_REQUEST", "environment " + j.id()
                        + " has no container '" + container + "'"));
        return agent(target.container().peerId()).exec(self(), j.id(), target.container().name(), request);
    }

    @Override
    public boolean cancel(String environment) {
        Optional<Journal> j = find(environment);
        Operation op = j.map(x -> running.get(x.id())).orElse(null);
        if (op == null || !(op.kind.equals("build") || op.kind.equals("grow"))) {
            return false;
        }
        op.cancel();
        return true;
    }

    @Override
    public AutoCloseable follow(String environment, Consumer<Progress> progress) {
        Journal j = required(environment);
        Operation op = running.get(j.id());
        return op == null ? () -> { } : op.follow(progress);
    }

    private void destroy(Run run) {
        Journal j = run.journal();
        run.save(j.with(EnvironmentState.DESTROYING, j.failure()));
        Set<String> pending = workflow.releaseEverywhere(run, Workflow.DESTROY, Workflow.touched(j));
        if (pending.isEmpty()) {
            synchronized (journals) {
                store.delete(j.id());
                journals.remove(j.id());
            }
            return;
        }
        run.save(run.journal().with(EnvironmentState.DESTROYED, j.failure()).withPending(pending));
        throw new EnvironmentException("PEER_UNREACHABLE", "environment " + j.id() + " is gone except on "
                + pending.stream().map(run::label).collect(Collectors.joining(", "))
                + ", which could not be reached: the release there is retried every "
                + config.releasePendingSeconds() + " s until they answer");
    }

    private void recover(List<Journal> interrupted) {
        for (Journal j : interrupted) {
            Operation op = running.get(j.id());
            Run run = run(op, j);
            try {
                switch (j.state()) {
                    case DESTROYING -> destroy(run);
                    case ROLLING_BACK -> workflow.rollback(run, j.failure() == null ? INTERRUPTED : j.failure(),
                            j.failure() != null && j.failure().startsWith("cancelled") ? EnvironmentState.CANCELLED
                                    : EnvironmentState.FAILED);
                    default -> recoverBuilding(run);
                }
            } catch (RuntimeException e) {
                LOG.error("Recovery of environment {} failed: {}", j.id(), e.getMessage(), e);
            } finally {
                running.remove(j.id(), op);
            }
        }
        for (HostedEnvironment hosted : local.hosted()) {
            if (hosted.builderPeerId().equals(self()) && !journals.containsKey(hosted.environmentId())) {
                try {
                    LOG.warn("Releasing environment {}: this peer built it but has no journal of it",
                            hosted.environmentId());
                    local.release(self(), hosted.environmentId());
                } catch (RuntimeException e) {
                    LOG.error("Could not release the orphan environment {}: {}", hosted.environmentId(),
                            e.getMessage());
                }
            }
        }
    }

    private void recoverBuilding(Run run) {
        Journal j = run.journal();
        switch (j.operation()) {
            case "grow" -> {
                workflow.undoGrow(run);
                run.save(run.journal().starting("grow", EnvironmentState.HEALTHY, List.of()));
            }
            case "shrink" -> {
                workflow.shrink(run);
                run.save(run.journal().starting("shrink", EnvironmentState.HEALTHY, List.of()));
            }
            default -> workflow.rollback(run, INTERRUPTED, EnvironmentState.FAILED);
        }
    }

    void retryPendingReleases() {
        for (Journal j : List.copyOf(journals.values())) {
            if (j.releasePending().isEmpty()) {
                continue;
            }
            Operation op = new Operation(j.id(), "release", null);
            if (running.putIfAbsent(j.id(), op) != null) {
                continue;
            }
            try {
                Run run = run(op, journals.get(j.id()));
                Set<String> still = new LinkedHashSet<>(run.attempt(Workflow.ROLLBACK, j.releasePending(), 1, 0,
                        (peer, agent) -> agent.release(self(), j.id())).keySet());
                if (still.isEmpty() && j.state() == EnvironmentState.DESTROYED) {
                    synchronized (journals) {
                        store.delete(j.id());
                        journals.remove(j.id());
                    }
                } else {
                    run.save(run.journal().withPending(still));
                }
            } catch (RuntimeException e) {
                LOG.warn("Retrying the releases owed for environment {} failed: {}", j.id(), e.getMessage());
            } finally {
                running.remove(j.id(), op);
            }
        }
    }

    private Run run(Operation op, Journal journal) {
        return new Run(op, self(), this::agent, executor, this::save, config.containersPerPeer(), journal);
    }

    private void save(Journal journal) {
        store.save(journal);
        journals.put(journal.id(), journal);
    }

    EnvironmentAgent agent(String peerId) {
        return peerId.equals(self()) ? local : new RemoteAgent(client, peerId, mapper);
    }

    private String self() {
        return identity.peerId();
    }

    private Operation start(Journal j, String kind, Consumer<Progress> progress) {
        Operation op = new Operation(j.id(), kind, progress);
        Operation other = running.putIfAbsent(j.id(), op);
        if (other != null) {
            throw new EnvironmentException("ENVIRONMENT_BUSY", "environment " + j.id() + " is busy with a "
                    + other.kind + "; wait for it to end" + (other.kind.equals("build") ? " or cancel it" : ""));
        }
        return op;
    }

    private Journal healthy(String environment, String verb) {
        Journal j = required(environment);
        if (running.containsKey(j.id())) {
            throw new EnvironmentException("ENVIRONMENT_BUSY", "environment " + j.id() + " is busy with a "
                    + running.get(j.id()).kind);
        }
        if (j.state() != EnvironmentState.HEALTHY) {
            throw new EnvironmentException("INVALID_REQUEST", "environment " + j.id() + " is " + j.state()
                    + "; only a HEALTHY environment can " + verb);
        }
        return j;
    }

    private static ContainerGroup group(Journal j, String group) {
        return j.plan().blueprint().group(group).orElseThrow(() -> new EnvironmentException("GROUP_UNKNOWN",
                "environment " + j.id() + " has no group '" + group + "'; its groups are " + j.plan().blueprint()
                        .containers().stream().map(ContainerGroup::name).collect(Collectors.joining(", "))));
    }

    private Journal required(String environment) {
        return find(environment).orElseThrow(() -> new EnvironmentException("ENVIRONMENT_NOT_FOUND",
                "this peer built no environment '" + environment + "'"));
    }

    private Optional<Journal> find(String environment) {
        Journal byId = journals.get(environment);
        if (byId != null) {
            return Optional.of(byId);
        }
        return journals.values().stream().filter(j -> j.name().equals(environment))
                .filter(j -> j.state() != EnvironmentState.DESTROYED).findFirst();
    }

    private void refuseTakenName(String name) {
        Optional<Journal> taken = find(name).filter(j -> j.state() != EnvironmentState.DESTROYED);
        if (taken.isPresent()) {
            throw new EnvironmentException("INVALID_REQUEST", "environment " + taken.get().id() + " is already named "
                    + name + " (" + taken.get().state() + "); destroy it first or rename the blueprint");
        }
    }

    private Set<String> usedSubnets() {
        Set<String> used = new HashSet<>();
        journals.values().stream().filter(j -> j.state() != EnvironmentState.DESTROYED)
                .forEach(j -> used.add(j.plan().subnet()));
        try {
            local.hosted().forEach(h -> used.add(h.subnet()));
        } catch (RuntimeException e) {
            LOG.warn("Could not list the environments hosted here: {}", e.getMessage());
        }
        return used;
    }

    private static Map<String, String> labels(Blueprint blueprint) {
        Map<String, String> labels = new LinkedHashMap<>();
        blueprint.containers().stream().filter(g -> g.placement().together() != null)
                .forEach(g -> labels.put(g.name(), g.placement().together()));
        return labels;
    }

    private Planner planner() {
        QuotaService q = quotas;
        Map<SizeClass, Quota> sizes = q != null ? q.sizeClasses() : defaultSizes();
        return new Planner(sizes);
    }

    /** The size classes of the container bundle's defaults, for when no quota service is there to ask. */
    static Map<SizeClass, Quota> defaultSizes() {
        Map<SizeClass, Quota> sizes = new EnumMap<>(SizeClass.class);
        sizes.put(SizeClass.TINY, size(256, 10, 4));
        sizes.put(SizeClass.SMALL, size(512, 25, 10));
        sizes.put(SizeClass.MEDIUM, size(1024, 50, 20));
        sizes.put(SizeClass.LARGE, size(2048, 75, 40));
        sizes.put(SizeClass.HUGE, size(4096, 100, 100));
        return sizes;
    }

    private static Quota size(long ramMiB, int cpu, long diskGiB) {
        return Quota.NONE.withMemoryBytes(ramMiB << 20).withCpuPercent(cpu).withDiskBytes(diskGiB << 30);
    }

    private List<Candidate> candidates() {
        List<Candidate> candidates = new ArrayList<>();
        String localName;
        try {
            localName = registry.localInfo().name();
        } catch (RuntimeException e) {
            localName = "this peer";
        }
        try {
            candidates.add(new Candidate(self(), localName, local.capacity(), null));
        } catch (RuntimeException e) {
            candidates.add(new Candidate(self(), localName, null, StepFailure.describe(e)));
        }
        Map<RemotePeer, Future<io.peeros.environment.api.peer.Capacity>> asked = new LinkedHashMap<>();
        for (RemotePeer peer : registry.peers()) {
            if (peer.state() == PeerState.APPROVED) {
                asked.put(peer, executor.submit(() -> agent(peer.id()).capacity()));
            }
        }
        asked.forEach((peer, future) -> {
            try {
                candidates.add(new Candidate(peer.id(), peer.name(), future.get(30, TimeUnit.SECONDS), null));
            } catch (ExecutionException e) {
                candidates.add(new Candidate(peer.id(), peer.name(), null, StepFailure.describe(e.getCause())));
            } catch (TimeoutException e) {
                future.cancel(true);
                candidates.add(new Candidate(peer.id(), peer.name(), null, "no answer in 30 s"));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new EnvironmentException("INVALID_REQUEST", "interrupted while asking peers for capacity");
            }
        });
        return candidates;
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
