package io.peeros.environment.internal.workflow;

import io.peeros.environment.api.PlannedContainer;
import io.peeros.environment.api.Progress;
import io.peeros.environment.api.peer.EnvironmentAgent;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The context of one operation: its journal (saved before and after each step), its progress, its agents and
 * the threads that run a step on every peer at once (or on one peer after another when {@code parallel} is false).
 */
final class Run {

    /** Something done on one peer. */
    interface PeerAction {
        void run(String peerId, EnvironmentAgent agent);
    }

    final Operation op;
    final String self;
    private final Function<String, EnvironmentAgent> agents;
    private final ExecutorService executor;
    private final Consumer<Journal> saver;
    private final int perPeer;
    private final boolean parallel;
    private volatile Journal journal;
    private volatile Map<String, List<String>> templateSources = Map.of();

    Run(Operation op, String self, Function<String, EnvironmentAgent> agents, ExecutorService executor,
            Consumer<Journal> saver, int perPeer, boolean parallel, Journal journal) {
        this.op = op;
        this.self = self;
        this.agents = agents;
        this.executor = executor;
        this.saver = saver;
        this.perPeer = Math.max(1, perPeer);
        this.parallel = parallel;
        this.journal = journal;
    }

    Journal journal() {
        return journal;
    }

    synchronized void save(Journal next) {
        journal = next;
        saver.accept(next);
    }

    synchronized void stepDone(String peerId, String step) {
        save(journal.withStep(peerId, step));
    }

    /**
     * Runs {@code part} unless the journal says it is over (done before the operation was suspended), then
     * records it as over: a resumed operation does not run again what had finished.
     */
    void once(String checkpoint, Runnable part) {
        if (journal.checkpoints().contains(checkpoint)) {
            return;
        }
        part.run();
        synchronized (this) {
            save(journal.withCheckpoint(checkpoint));
        }
    }

    /** Where peers fetch the templates they lack, as the planner found them; none after a restart. */
    void templateSources(Map<String, List<String>> sources) {
        templateSources = Map.copyOf(sources);
    }

    /** The peers other than {@code peerId} that have {@code template}, best first. */
    List<String> templateSources(String template, String peerId) {
        return templateSources.getOrDefault(template, List.of()).stream().filter(p -> !p.equals(peerId)).toList();
    }

    /** Whether the planner found {@code template} missing on {@code peerId} but present on another peer. */
    boolean fetches(String template, String peerId) {
        List<String> holders = templateSources.getOrDefault(template, List.of());
        return !holders.isEmpty() && !holders.contains(peerId);
    }

    EnvironmentAgent agent(String peerId) {
        return agents.apply(peerId);
    }

    String label(String peerId) {
        String name = journal.plan().containers().stream().filter(p -> p.container().peerId().equals(peerId))
                .map(PlannedContainer::peerName).findFirst().orElse(null);
        String shortId = peerId.substring(0, Math.min(8, peerId.length()));
        return name == null ? shortId : name + " (" + shortId + ")";
    }

    void emit(String step, String peerId, Progress.Phase phase, String message) {
        op.emit(step, peerId, phase, message);
    }

    /**
     * Runs {@code action} on every peer at once (or one after another), recording the step for each peer that
     * succeeds; waits for all of them and then throws the first failure.
     */
    void step(String step, Collection<String> peers, PeerAction action) {
        op.checkCancelled();
        op.step = step;
        save(journal);
        emit(step, null, Progress.Phase.STARTED, step + " on " + peers.size() + " peer(s)");
        Map<String, Future<?>> futures = new LinkedHashMap<>();
        for (String peer : peers) {
            futures.put(peer, executor.submit(() -> {
                emit(step, peer, Progress.Phase.STARTED, step + " on peer " + label(peer));
                try {
                    action.run(peer, agent(peer));
                } catch (RuntimeException e) {
                    emit(step, peer, Progress.Phase.FAILED, StepFailure.describe(e));
                    throw e;
                }
                stepDone(peer, step);
                emit(step, peer, Progress.Phase.DONE, step + " done on peer " + label(peer));
                return null;
            }));
            awaitUnlessParallel(futures.get(peer));
        }
        RuntimeException failure = awaitAll(futures, step);
        if (failure != null) {
            emit(step, null, Progress.Phase.FAILED, failure.getMessage());
            throw failure;
        }
        emit(step, null, Progress.Phase.DONE, step + " done");
    }

    /**
     * Runs {@code action} on every peer at once, each tried {@code attempts} times with a doubling pause; returns
     * the peers where it still failed, with the last error. Never throws for a peer's failure.
     */
    Map<String, RuntimeException> attempt(String step, Collection<String> peers, int attempts, long backoffMillis,
            PeerAction action) {
        Map<String, Future<?>> futures = new LinkedHashMap<>();
        for (String peer : peers) {
            futures.put(peer, executor.submit(() -> {
                long pause = backoffMillis;
                for (int i = 1;; i++) {
                    try {
                        action.run(peer, agent(peer));
                        emit(step, peer, Progress.Phase.DONE, step + " done on peer " + label(peer));
                        return null;
                    } catch (RuntimeException e) {
                        if (i >= attempts) {
                            emit(step, peer, Progress.Phase.FAILED, step + " failed on peer " + label(peer) + " after "
                                    + i + " attempt(s): " + StepFailure.describe(e));
                            throw e;
                        }
                        emit(step, peer, Progress.Phase.PROGRESS, step + " on peer " + label(peer) + " failed ("
                                + StepFailure.describe(e) + "); trying again in " + pause + " ms");
                        Thread.sleep(pause);
                        pause *= 2;
                    }
                }
            }));
            awaitUnlessParallel(futures.get(peer));
        }
        Map<String, RuntimeException> failed = new LinkedHashMap<>();
        futures.forEach((peer, f) -> {
            RuntimeException e = outcome(f);
            if (e != null) {
                failed.put(peer, e);
            }
        });
        return failed;
    }

    /** Runs {@code task} for every item, at most {@code perPeer} at once; waits for all, then throws the first. */
    <T> void bounded(List<T> items, Consumer<T> task) {
        Semaphore permits = new Semaphore(perPeer);
        List<Future<?>> futures = new ArrayList<>();
        for (T item : items) {
            futures.add(executor.submit(() -> {
                permits.acquire();
                try {
                    op.checkCancelled();
                    task.accept(item);
                } finally {
                    permits.release();
                }
                return null;
            }));
        }
        RuntimeException first = null;
        for (Future<?> f : futures) {
            RuntimeException e = outcome(f);
            if (first == null && e != null) {
                first = e;
            }
        }
        if (first != null) {
            throw first;
        }
    }

    /** In sequential mode the next peer starts only when this one is over; its failure is reported later. */
    private void awaitUnlessParallel(Future<?> future) {
        if (!parallel) {
            outcome(future);
        }
    }

    private RuntimeException awaitAll(Map<String, Future<?>> futures, String step) {
        RuntimeException first = null;
        for (Map.Entry<String, Future<?>> e : futures.entrySet()) {
            RuntimeException failure = outcome(e.getValue());
            if (failure != null && first == null) {
                first = failure instanceof Operation.Cancelled || failure instanceof Operation.Suspended ? failure
                        : new StepFailure(step, e.getKey(), label(e.getKey()), failure);
            }
        }
        return first;
    }

    private static RuntimeException outcome(Future<?> future) {
        try {
            future.get();
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof Error error) {
                throw error;
            }
            return cause instanceof RuntimeException re ? re : new IllegalStateException(cause);
        }
    }
}
