package io.peeros.environment.internal.workflow;

import io.peeros.environment.api.Progress;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One operation running on an environment: who follows it and whether it was asked to stop. */
final class Operation {

    private static final Logger LOG = LoggerFactory.getLogger(Operation.class);

    final String environmentId;
    final String kind;
    private final List<Consumer<Progress>> listeners = new CopyOnWriteArrayList<>();
    private volatile boolean cancelled;
    private volatile boolean suspending;
    /** Whether this operation runs a workflow that can be paused and resumed (build, grow, shrink). */
    volatile boolean resumable;
    /** The step running now, for the message of a cancel. */
    volatile String step = "plan";

    Operation(String environmentId, String kind, Consumer<Progress> first) {
        this.environmentId = environmentId;
        this.kind = kind;
        if (first != null) {
            listeners.add(first);
        }
    }

    AutoCloseable follow(Consumer<Progress> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    void cancel() {
        cancelled = true;
    }

    boolean cancelled() {
        return cancelled;
    }

    /** Asks the operation to pause at the next step boundary: the builder is stopping in order. */
    void suspend() {
        suspending = true;
    }

    boolean suspending() {
        return suspending;
    }

    /** Stops the operation at the next check when it was suspended or cancelled. */
    void checkCancelled() {
        if (suspending) {
            throw new Suspended();
        }
        if (cancelled) {
            throw new Cancelled();
        }
    }

    void emit(String step, String peerId, Progress.Phase phase, String message) {
        Progress progress = new Progress(environmentId, step, Optional.ofNullable(peerId), phase, message,
                Instant.now());
        LOG.debug("{} {} {} {}", environmentId, step, phase, message);
        for (Consumer<Progress> listener : listeners) {
            try {
                listener.accept(progress);
            } catch (RuntimeException e) {
                LOG.warn("A progress listener of environment {} failed: {}", environmentId, e.toString());
            }
        }
    }

    /** Thrown where a suspended operation stops; the journal says where it resumes. */
    static final class Suspended extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Suspended() {
            super("suspended: the environment builder is stopping; the operation resumes when it starts again");
        }
    }

    /** Thrown where a cancelled operation stops. */
    static final class Cancelled extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Cancelled() {
            super("cancelled by the operator");
        }
    }
}
