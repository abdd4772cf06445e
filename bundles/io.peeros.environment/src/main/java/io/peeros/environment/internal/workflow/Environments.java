package io.peeros.environment.internal.workflow;

import io.peeros.environment.api.EnvironmentException;
import io.peeros.environment.api.EnvironmentState;
import io.peeros.environment.api.Progress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Consumer;

/**
 * The environments this peer built: their journals in memory and on disk, and the one operation that may run
 * on each. Looked up by id or by name (names are unique among the environments not destroyed).
 */
final class Environments {

    private final JournalStore store;
    private final ConcurrentMap<String, Journal> journals = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Operation> running = new ConcurrentHashMap<>();
    private volatile boolean closing;
    private boolean closed;

    Environments(JournalStore store) {
        this.store = store;
        store.load().forEach(j -> journals.put(j.id(), j));
    }

    List<Journal> all() {
        return List.copyOf(journals.values());
    }

    Journal get(String id) {
        return journals.get(id);
    }

    /** Writes the journal; refused once {@link #close} ran (the next builder owns the journals then). */
    void save(Journal journal) {
        synchronized (journals) {
            if (closed) {
                throw new Operation.Suspended();
            }
            store.save(journal);
            journals.put(journal.id(), journal);
        }
    }

    /** Asks every operation under way to pause at the end of its step. */
    void suspendAll() {
        closing = true;
        running.values().forEach(Operation::suspend);
    }

    boolean closing() {
        return closing;
    }

    boolean anyResumableRunning() {
        return running.values().stream().anyMatch(op -> op.resumable);
    }

    /** Journals the environment's operation as suspended, if it is one that resumes (its state is BUILDING). */
    void suspend(String id) {
        synchronized (journals) {
            Journal j = journals.get(id);
            if (j != null && j.state() == EnvironmentState.BUILDING && !j.isSuspended()) {
                save(j.withSuspended(true));
            }
        }
    }

    /**
     * Journals as suspended the resumable operations still under way, then refuses every later write: their
     * threads may still be finishing a call, but the journals are the next builder's. Returns the ids cut.
     */
    List<String> close() {
        synchronized (journals) {
            List<String> cut = new ArrayList<>();
            for (Operation op : running.values()) {
                if (op.resumable) {
                    suspend(op.environmentId);
                    cut.add(op.environmentId);
                }
            }
            closed = true;
            return cut;
        }
    }

    void forget(String id) {
        synchronized (journals) {
            store.delete(id);
            journals.remove(id);
        }
    }

    /** Records a new environment and its first operation, unless its name is taken. */
    void create(Journal journal, Operation op) {
        synchronized (journals) {
            refuseTakenName(journal.name());
            running.put(journal.id(), op);
            save(journal);
        }
    }

    Optional<Journal> find(String environment) {
        Journal byId = journals.get(environment);
        if (byId != null) {
            return Optional.of(byId);
        }
        return journals.values().stream().filter(j -> j.name().equals(environment))
                .filter(j -> j.state() != EnvironmentState.DESTROYED).findFirst();
    }

    Journal required(String environment) {
        return find(environment).orElseThrow(() -> new EnvironmentException("ENVIRONMENT_NOT_FOUND",
                "this peer built no environment '" + environment + "'"));
    }

    /** The environment, if it is HEALTHY and nothing runs on it. */
    Journal healthy(String environment, String verb) {
        Journal j = required(environment);
        Operation other = running.get(j.id());
        if (other != null) {
            throw busy(j, other);
        }
        if (j.state() != EnvironmentState.HEALTHY) {
            throw new EnvironmentException("INVALID_REQUEST", "environment " + j.id() + " is " + j.state()
                    + "; only a HEALTHY environment can " + verb);
        }
        return j;
    }

    void refuseTakenName(String name) {
        Optional<Journal> taken = find(name).filter(j -> j.state() != EnvironmentState.DESTROYED);
        if (taken.isPresent()) {
            throw new EnvironmentException("INVALID_REQUEST", "environment " + taken.get().id() + " is already named "
                    + name + " (" + taken.get().state() + "); destroy it first or rename the blueprint");
        }
    }

    /** Starts an operation on the environment, or refuses with ENVIRONMENT_BUSY. */
    Operation start(Journal j, String kind, Consumer<Progress> progress) {
        Operation op = new Operation(j.id(), kind, progress);
        if (closing) {
            op.suspend();
        }
        Operation other = running.putIfAbsent(j.id(), op);
        if (other != null) {
            throw busy(j, other);
        }
        return op;
    }

    /** Starts an operation if none runs, else empty. */
    Optional<Operation> tryStart(String id, String kind) {
        Operation op = new Operation(id, kind, null);
        return running.putIfAbsent(id, op) == null ? Optional.of(op) : Optional.empty();
    }

    Operation running(String id) {
        return running.get(id);
    }

    void end(Operation op) {
        running.remove(op.environmentId, op);
    }

    private static EnvironmentException busy(Journal j, Operation other) {
        return new EnvironmentException("ENVIRONMENT_BUSY", "environment " + j.id() + " is busy with a "
                + other.kind + "; wait for it to end" + (other.kind.equals("build") ? " or cancel it" : ""));
    }
}
