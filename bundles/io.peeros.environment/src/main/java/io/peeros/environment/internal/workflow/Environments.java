package io.peeros.environment.internal.workflow;

import io.peeros.environment.api.EnvironmentException;
import io.peeros.environment.api.EnvironmentState;
import io.peeros.environment.api.Progress;
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

    void save(Journal journal) {
        store.save(journal);
        journals.put(journal.id(), journal);
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
