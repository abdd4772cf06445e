package io.peeros.environment.internal.workflow;

import io.peeros.environment.api.EnvironmentState;
import io.peeros.environment.api.peer.EnvironmentAgent;
import io.peeros.environment.api.peer.HostedEnvironment;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a restart of the builder interrupted, finished or undone: an operation an orderly stop paused (journalled
 * as suspended) resumed; one a crash cut short undone (a build rolled back, a grow undone) or finished (a shrink or
 * destroy); environments this peer's agent hosts for this builder without a journal released; and the
 * releases owed by peers that could not be reached, asked again.
 */
final class Recovery {

    static final String INTERRUPTED = "interrupted by a restart of the builder";
    private static final Logger LOG = LoggerFactory.getLogger(Recovery.class);

    private final String self;
    private final EnvironmentAgent local;
    private final Environments environments;
    private final Workflow workflow;
    private final BiFunction<Operation, Journal, Run> runs;
    private final Consumer<Run> destroyer;
    private final Consumer<Run> resumer;

    Recovery(String self, EnvironmentAgent local, Environments environments, Workflow workflow,
            BiFunction<Operation, Journal, Run> runs, Consumer<Run> destroyer, Consumer<Run> resumer) {
        this.resumer = resumer;
        this.self = self;
        this.local = local;
        this.environments = environments;
        this.workflow = workflow;
        this.runs = runs;
        this.destroyer = destroyer;
    }

    /** Claims every interrupted environment (they answer ENVIRONMENT_BUSY until recovered); returns them. */
    List<Journal> claim() {
        return environments.all().stream().filter(j -> j.state() == EnvironmentState.BUILDING
                || j.state() == EnvironmentState.ROLLING_BACK || j.state() == EnvironmentState.DESTROYING)
                .filter(j -> environments.tryStart(j.id(), "recovery").isPresent()).toList();
    }

    void recover(List<Journal> interrupted) {
        for (Journal j : interrupted) {
            Operation op = environments.running(j.id());
            Run run = runs.apply(op, j);
            try {
                switch (j.state()) {
                    case DESTROYING -> destroyer.accept(run);
                    case ROLLING_BACK -> workflow.rollback(run, j.failure() == null ? INTERRUPTED : j.failure(),
                            j.failure() != null && j.failure().startsWith("cancelled") ? EnvironmentState.CANCELLED
                                    : EnvironmentState.FAILED);
                    default -> {
                        if (j.isSuspended()) {
                            resumer.accept(run);
                        } else {
                            building(run);
                        }
                    }
                }
            } catch (RuntimeException e) {
                LOG.error("Recovery of environment {} failed: {}", j.id(), e.getMessage(), e);
            } finally {
                environments.end(op);
            }
        }
        for (HostedEnvironment hosted : local.hosted()) {
            if (hosted.builderPeerId().equals(self) && environments.get(hosted.environmentId()) == null) {
                try {
                    LOG.warn("Releasing environment {}: this peer built it but has no journal of it",
                            hosted.environmentId());
                    local.release(self, hosted.environmentId());
                } catch (RuntimeException e) {
                    LOG.error("Could not release the orphan environment {}: {}", hosted.environmentId(),
                            e.getMessage());
                }
            }
        }
    }

    private void building(Run run) {
        switch (run.journal().operation()) {
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

    /** Asks every peer that owes a release once more; forgets a destroyed environment once none is owed. */
    void retryPendingReleases() {
        for (Journal j : environments.all()) {
            if (j.releasePending().isEmpty()) {
                continue;
            }
            Operation op = environments.tryStart(j.id(), "release").orElse(null);
            if (op == null) {
                continue;
            }
            try {
                Journal current = environments.get(j.id());
                Run run = runs.apply(op, current);
                Set<String> still = new LinkedHashSet<>(run.attempt(Workflow.ROLLBACK, current.releasePending(), 1, 0,
                        (peer, agent) -> agent.release(self, current.id())).keySet());
                if (still.isEmpty() && current.state() == EnvironmentState.DESTROYED) {
                    environments.forget(current.id());
                } else {
                    run.save(current.withPending(still));
                }
            } catch (RuntimeException e) {
                LOG.warn("Retrying the releases owed for environment {} failed: {}", j.id(), e.getMessage());
            } finally {
                environments.end(op);
            }
        }
    }
}
