package io.peeros.environment.internal.workflow;

import io.peeros.container.api.ContainerException;
import io.peeros.container.api.ExecRequest;
import io.peeros.container.api.ExecResult;
import io.peeros.container.api.Quota;
import io.peeros.environment.api.ContainerGroup;
import io.peeros.environment.api.EnvironmentException;
import io.peeros.environment.api.EnvironmentState;
import io.peeros.environment.api.Plan;
import io.peeros.environment.api.PlannedContainer;
import io.peeros.environment.api.Progress;
import io.peeros.environment.api.peer.AgentContainer;
import io.peeros.environment.api.peer.ConfigureRequest;
import io.peeros.environment.api.peer.ContainerRequest;
import io.peeros.environment.api.peer.PrepareRequest;
import io.peeros.environment.api.peer.Reservation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The steps of every operation, each run on all the peers concerned at once: prepare (record and swarm), then
 * for each wave of groups (a group comes in the wave after the groups in its {@code after}) containers, network
 * (hosts table of the whole plan and SSH keys) and the groups' own provisioning, then the environment's
 * provisioning and health; and the undoing: rollback, destroy, and
 * the undoing of a failed grow.
 */
final class Workflow {

    static final String PREPARE = "prepare";
    static final String CONTAINERS = "containers";
    static final String NETWORK = "network";
    static final String HEALTH = "health";
    static final String RESIZE = "resize";
    static final String ROLLBACK = "rollback";
    static final String DESTROY = "destroy";
    static final String COMMIT = "commit";
    private static final int SUBNET_TRIES = 5;

    private final AnsibleRunner ansible;
    private final int releaseAttempts;
    private final long backoffMillis;

    Workflow(AnsibleRunner ansible, int releaseAttempts, long backoffMillis) {
        this.ansible = ansible;
        this.releaseAttempts = Math.max(1, releaseAttempts);
        this.backoffMillis = Math.max(0, backoffMillis);
    }

    /** Builds what the journal's plan says; throws the first step failure (the caller rolls back). */
    void build(Run run, Set<String> usedSubnets) {
        // a resumed build makes a new key (the private half is never on disk): the network parts run again
        EnvironmentKey key = EnvironmentKey.generate(run.journal().id());
        run.save(run.journal().withSshPublicKey(key.publicKey()));
        run.emit(PREPARE, null, Progress.Phase.PROGRESS, "environment SSH key " + key.fingerprint());
        run.once(PREPARE, () -> prepareWithFreeSubnet(run, usedSubnets));
        Plan plan = run.journal().plan();
        Provisioner provisioner = new Provisioner(run, ansible);
        List<List<ContainerGroup>> waves = Provisioner.waves(plan.blueprint().containers());
        Set<String> createdGroups = new HashSet<>();
        for (int i = 0; i < waves.size(); i++) {
            List<ContainerGroup> wave = waves.get(i);
            Set<String> names = wave.stream().map(ContainerGroup::name).collect(Collectors.toSet());
            createdGroups.addAll(names);
            List<PlannedContainer> made = run.journal().plan().containers().stream()
                    .filter(p -> names.contains(p.container().group())).toList();
            List<PlannedContainer> created = run.journal().plan().containers().stream()
                    .filter(p -> createdGroups.contains(p.container().group())).toList();
            run.once(CONTAINERS + " " + i, () -> containers(run, made));
            run.once(NETWORK + " " + i + " " + key.fingerprint(),
                    () -> network(run, byPeer(made).keySet().stream().toList(), created, made, key));
            run.once(Provisioner.STEP + " " + i, () -> provisioner.provision(wave, false, null));
        }
        run.once(Provisioner.STEP, () -> provisioner.provision(List.of(), true, null));
        health(run, run.journal().plan().containers());
        commit(run, run.journal().plan().peerIds());
    }

    /**
     * Tells every peer the environment is HEALTHY: what they still reserve for it is released, and it counts as
     * committed there (kept until this builder releases it; see the orphan policy).
     */
    private void commit(Run run, List<String> peers) {
        Journal j = run.journal();
        PrepareRequest request = new PrepareRequest(j.id(), j.name(), Set.copyOf(j.plan().peerIds()),
                j.plan().subnet(), null, true);
        run.step(COMMIT, peers, (peer, agent) -> agent.prepare(run.self, request));
    }

    /** Adds the journal's {@code changing} containers to a healthy environment. */
    void grow(Run run) {
        Plan plan = run.journal().plan();
        List<PlannedContainer> added = run.journal().changing();
        run.once(PREPARE, () -> prepare(run, plan.peerIds(), Set.copyOf(plan.peerIds()), reservations(added)));
        run.once(CONTAINERS, () -> containers(run, added));
        List<PlannedContainer> existing = plan.containers().stream().filter(p -> !added.contains(p)).toList();
        EnvironmentKey key = KeyDistribution.read(run, existing).orElse(null);
        if (key == null && run.journal().sshPublicKey() != null) {
            run.emit(NETWORK, null, Progress.Phase.PROGRESS, "no container of the environment gave its SSH key: "
                    + "the new containers accept it but do not have it");
        }
        network(run, plan.peerIds(), plan.containers(), added, key);
        ContainerGroup group = plan.blueprint().group(added.get(0).container().group()).orElseThrow();
        run.once(Provisioner.STEP, () -> new Provisioner(run, ansible).provision(List.of(group), true,
                added.stream().map(p -> p.container().name()).collect(Collectors.toSet())));
        health(run, added);
        commit(run, byPeer(added).keySet().stream().toList());
    }

    /** Removes what a failed grow added, and puts members and hosts back as they were; best effort. */
    Plan undoGrow(Run run) {
        Plan grown = run.journal().plan();
        List<PlannedContainer> added = run.journal().changing();
        Set<String> addedNames = added.stream().map(p -> p.container().name()).collect(Collectors.toSet());
        Plan before = new Plan(grown.environmentId(), grown.blueprint(), grown.subnet(),
                grown.containers().stream().filter(p -> !addedNames.contains(p.container().name())).toList());
        Map<String, List<PlannedContainer>> byPeer = byPeer(added);
        Map<String, RuntimeException> failed = new LinkedHashMap<>(run.attempt(ROLLBACK, byPeer.keySet(),
                releaseAttempts, backoffMillis, (peer, agent) -> byPeer.get(peer).forEach(p ->
                        agent.removeContainer(run.self, run.journal().id(), p.container().name()))));
        Set<String> dropped = new LinkedHashSet<>(grown.peerIds());
        dropped.removeAll(before.peerIds());
        failed.putAll(run.attempt(ROLLBACK, dropped, releaseAttempts, backoffMillis,
                (peer, agent) -> agent.release(run.self, run.journal().id())));
        Set<String> pending = new LinkedHashSet<>(run.journal().releasePending());
        dropped.stream().filter(failed::containsKey).forEach(pending::add);
        run.save(run.journal().withPlan(before).withPending(pending));
        try {
            Map<String, Reservation> none = new LinkedHashMap<>();
            before.peerIds().forEach(p -> none.put(p, Reservation.NONE));
            prepare(run, before.peerIds(), Set.copyOf(before.peerIds()), none);
            network(run, before.peerIds());
        } catch (RuntimeException e) {
            run.emit(ROLLBACK, null, Progress.Phase.FAILED, "could not restore the swarm members and hosts tables: "
                    + StepFailure.describe(e));
        }
        return before;
    }

    /** Removes the journal's {@code changing} containers; releases the peers left with none. */
    Plan shrink(Run run) {
        Plan plan = run.journal().plan();
        List<PlannedContainer> removed = run.journal().changing();
        Set<String> removedNames = removed.stream().map(p -> p.container().name()).collect(Collectors.toSet());
        Map<String, List<PlannedContainer>> byPeer = byPeer(removed);
        run.step(CONTAINERS, byPeer.keySet(), (peer, agent) -> byPeer.get(peer).forEach(p -> {
            agent.removeContainer(run.self, plan.environmentId(), p.container().name());
            run.emit(CONTAINERS, peer, Progress.Phase.PROGRESS, p.container().hostname() + " removed");
        }));
        Plan after = new Plan(plan.environmentId(), plan.blueprint(), plan.subnet(),
                plan.containers().stream().filter(p -> !removedNames.contains(p.container().name())).toList());
        Set<String> dropped = new LinkedHashSet<>(plan.peerIds());
        dropped.removeAll(after.peerIds());
        run.step(CONTAINERS, dropped,
                (peer, agent) -> agent.release(run.self, plan.environmentId()));
        run.save(run.journal().withPlan(after));
        if (!dropped.isEmpty()) {
            prepare(run, after.peerIds(), Set.copyOf(after.peerIds()));
        }
        network(run, after.peerIds());
        return after;
    }

    /**
     * Gives the journal's {@code changing} containers the limits {@code quota}, every peer at once; records in
     * {@code previous} (by container name) the limits each had before it was changed, for {@link #undoResize}.
     */
    void resize(Run run, Quota quota, Map<String, Quota> previous) {
        Map<String, List<PlannedContainer>> byPeer = byPeer(run.journal().changing());
        String id = run.journal().id();
        run.step(RESIZE, byPeer.keySet(), (peer, agent) -> {
            for (PlannedContainer p : byPeer.get(peer)) {
                String name = p.container().name();
                previous.putIfAbsent(name, agent.quota(run.self, id, name));
                agent.setQuota(run.self, id, name, quota);
                run.emit(RESIZE, peer, Progress.Phase.PROGRESS, p.container().hostname() + ": " + quota);
            }
        });
    }

    /** Puts the containers a failed resize reached back to their {@code previous} limits; best effort. */
    void undoResize(Run run, Map<String, Quota> previous) {
        Map<String, List<PlannedContainer>> byPeer = byPeer(run.journal().changing().stream()
                .filter(p -> previous.containsKey(p.container().name())).toList());
        String id = run.journal().id();
        Map<String, RuntimeException> failed = run.attempt(ROLLBACK, byPeer.keySet(), releaseAttempts, backoffMillis,
                (peer, agent) -> byPeer.get(peer).forEach(p -> agent.setQuota(run.self, id, p.container().name(),
                        previous.get(p.container().name()))));
        if (!failed.isEmpty()) {
            run.emit(ROLLBACK, null, Progress.Phase.FAILED, "the previous limits could not be put back on "
                    + failed.keySet().stream().map(run::label).collect(Collectors.joining(", ")));
        }
    }

    /**
     * Releases the environment on every peer it touched; returns the peers that could not be reached after the
     * retries (their release is owed).
     */
    Set<String> releaseEverywhere(Run run, String step, Collection<String> peers) {
        run.emit(step, null, Progress.Phase.STARTED, step + " on " + peers.size() + " peer(s)");
        Map<String, RuntimeException> failed = run.attempt(step, peers, releaseAttempts, backoffMillis,
                (peer, agent) -> agent.release(run.self, run.journal().id()));
        if (failed.isEmpty()) {
            run.emit(step, null, Progress.Phase.DONE, step + " done: nothing is left on any peer");
        } else {
            run.emit(step, null, Progress.Phase.FAILED, step + " could not reach " + failed.keySet().stream()
                    .map(run::label).collect(Collectors.joining(", ")) + "; their release is retried until they answer");
        }
        return new LinkedHashSet<>(failed.keySet());
    }

    /** Undoes a failed or cancelled build everywhere and records the outcome. */
    void rollback(Run run, String cause, EnvironmentState outcome) {
        run.save(run.journal().with(EnvironmentState.ROLLING_BACK, cause));
        Set<String> peers = touched(run.journal());
        Set<String> pending = releaseEverywhere(run, ROLLBACK, peers);
        run.save(run.journal().with(outcome, cause).withPending(pending));
    }

    /** Every peer that may hold something of the environment. */
    static Set<String> touched(Journal journal) {
        Set<String> peers = new LinkedHashSet<>(journal.plan().peerIds());
        journal.changing().forEach(p -> peers.add(p.container().peerId()));
        peers.addAll(journal.stepsDone().keySet());
        peers.addAll(journal.releasePending());
        return peers;
    }

    private void prepareWithFreeSubnet(Run run, Set<String> usedSubnets) {
        Set<String> used = new LinkedHashSet<>(usedSubnets);
        for (int attempt = 1;; attempt++) {
            Plan plan = run.journal().plan();
            try {
                prepare(run, plan.peerIds(), Set.copyOf(plan.peerIds()), reservations(plan.containers()));
                return;
            } catch (StepFailure f) {
                if (!(f.getCause() instanceof EnvironmentException e) || !"SUBNET_OVERLAP".equals(e.code())
                        || attempt >= SUBNET_TRIES) {
                    throw f;
                }
                Set<String> pending = releaseEverywhere(run, PREPARE, plan.peerIds());
                if (!pending.isEmpty()) {
                    throw f;
                }
                used.add(plan.subnet());
                String next = Planner.subnet(plan.environmentId(), used);
                run.emit(PREPARE, f.peerId, Progress.Phase.PROGRESS, "subnet " + plan.subnet() + " is in use on peer "
                        + run.label(f.peerId) + "; trying " + next);
                run.save(run.journal().withPlan(new Plan(plan.environmentId(), plan.blueprint(), next,
                        Planner.readdressed(plan.containers(), next))));
            }
        }
    }

    private void prepare(Run run, List<String> peers, Set<String> members) {
        prepare(run, peers, members, Map.of());
    }

    /**
     * Records the environment on {@code peers} and joins them to its swarm; a peer in {@code reservations} is
     * asked to hold that for the containers about to be made there (and refuses with INSUFFICIENT_CAPACITY when
     * it cannot), the others keep what they hold.
     */
    private void prepare(Run run, List<String> peers, Set<String> members, Map<String, Reservation> reservations) {
        Journal j = run.journal();
        run.step(PREPARE, peers, (peer, agent) -> agent.prepare(run.self, new PrepareRequest(j.id(), j.name(),
                members, j.plan().subnet(), reservations.get(peer), null)));
    }

    /** Per peer, the totals of the quotas of {@code containers} placed there. */
    static Map<String, Reservation> reservations(List<PlannedContainer> containers) {
        Map<String, Reservation> byPeer = new LinkedHashMap<>();
        byPeer(containers).forEach((peer, list) -> byPeer.put(peer,
                Reservation.of(list.stream().map(PlannedContainer::quota).toList())));
        return byPeer;
    }

    private void containers(Run run, List<PlannedContainer> containers) {
        Map<String, List<PlannedContainer>> byPeer = byPeer(containers);
        String id = run.journal().id();
        run.step(CONTAINERS, byPeer.keySet(), (peer, agent) -> run.bounded(byPeer.get(peer), p -> {
            var c = p.container();
            List<String> sources = run.templateSources(c.template(), peer);
            run.emit(CONTAINERS, peer, Progress.Phase.PROGRESS, c.hostname() + ": creating from " + c.template()
                    + (run.fetches(c.template(), peer) ? " (fetched from " + String.join(" or ",
                            sources.stream().map(run::label).toList()) + " if it is still missing)" : ""));
            AgentContainer made = agent.createContainer(run.self, id, new ContainerRequest(c.name(), c.hostname(),
                    c.template(), p.quota(), c.address(), sources, c.ports()));
            run.emit(CONTAINERS, peer, Progress.Phase.PROGRESS, c.hostname() + " " + made.state().toLowerCase()
                    + " (" + Planner.ip(made.address()) + ")");
        }));
    }

    private void network(Run run, List<String> peers) {
        network(run, peers, List.of(), List.of(), null);
    }

    /**
     * Hosts tables and authorized keys on {@code peers}; the environment key into {@code keyed} when given. A peer
     * whose {@code created} containers (those of the environment that exist there now) all get the key gets one
     * command per container that writes all three, instead of the agent's configure and then the key.
     */
    private void network(Run run, List<String> peers, List<PlannedContainer> created, List<PlannedContainer> keyed,
            EnvironmentKey key) {
        Plan plan = run.journal().plan();
        Map<String, String> hosts = new TreeMap<>();
        plan.containers().forEach(p -> hosts.put(p.container().hostname(), Planner.ip(p.container().address())));
        List<String> sshKeys = new ArrayList<>(plan.blueprint().sshKeys());
        if (run.journal().sshPublicKey() != null) {
            sshKeys.add(run.journal().sshPublicKey());
        }
        ConfigureRequest request = new ConfigureRequest(hosts, sshKeys);
        Map<String, List<PlannedContainer>> keyedByPeer = key == null ? Map.of() : byPeer(keyed);
        Set<String> keyedNames = keyed.stream().map(p -> p.container().name()).collect(Collectors.toSet());
        Map<String, List<PlannedContainer>> createdByPeer = byPeer(created);
        run.step(NETWORK, peers, (peer, agent) -> {
            boolean allKeyed = key != null && createdByPeer.getOrDefault(peer, List.of()).stream()
                    .allMatch(p -> keyedNames.contains(p.container().name()));
            if (!allKeyed) {
                agent.configure(run.self, plan.environmentId(), request);
            }
            KeyDistribution.install(run, agent, keyedByPeer.getOrDefault(peer, List.of()), key,
                    allKeyed ? request : null);
        });
    }

    private void health(Run run, List<PlannedContainer> containers) {
        Map<String, List<PlannedContainer>> byPeer = byPeer(containers);
        String id = run.journal().id();
        ExecRequest probe = new ExecRequest(List.of("true"), Map.of(), null, null, Duration.ofSeconds(30));
        run.step(HEALTH, byPeer.keySet(), (peer, agent) -> {
            List<String> sick = Collections.synchronizedList(new ArrayList<>());
            run.bounded(byPeer.get(peer), p -> {
                try {
                    ExecResult r = agent.exec(run.self, id, p.container().name(), probe);
                    if (r.exitCode() != 0) {
                        sick.add(p.container().hostname() + " (exit " + r.exitCode() + ")");
                    }
                } catch (EnvironmentException | ContainerException e) {
                    sick.add(p.container().hostname() + " (" + e.getMessage() + ")");
                }
            });
            if (!sick.isEmpty()) {
                throw new EnvironmentException("UNHEALTHY", "not running: " + String.join(", ", sick));
            }
        });
    }

    static Map<String, List<PlannedContainer>> byPeer(List<PlannedContainer> containers) {
        Map<String, List<PlannedContainer>> byPeer = new LinkedHashMap<>();
        containers.forEach(p -> byPeer.computeIfAbsent(p.container().peerId(), k -> new ArrayList<>()).add(p));
        return byPeer;
    }
}
