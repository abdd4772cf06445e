package io.peeros.environment.internal.workflow;

import io.peeros.environment.api.Environment;
import io.peeros.environment.api.EnvironmentState;
import io.peeros.environment.api.Plan;
import io.peeros.environment.api.PlannedContainer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What the builder records about an environment it built, written before and after every step: the plan as it
 * stands (containers made so far), the state, the steps each peer has done, the operation under way and the
 * containers it adds or removes, the peers whose release is still owed. Immutable; every change is a new value.
 *
 * @param plan the environment's containers as they are meant to be (after a grow or shrink: as they will be)
 * @param operation the operation under way or last run: {@code build}, {@code grow}, {@code shrink},
 *     {@code resize}, {@code destroy}
 * @param changing the containers the operation under way adds (grow), removes (shrink) or changes (resize)
 * @param stepsDone per peer id, the steps of the operation it has done
 * @param releasePending peers that must still release the environment (they could not be reached)
 * @param sshPublicKey the public half of the environment SSH key ({@link EnvironmentKey}), in every container's
 *     {@code authorized_keys}; {@code null} for environments built before there was one. Never the private half.
 * @param checkpoints the parts of the operation under way that are over ({@link Run#once}), so that a resumed
 *     operation does not do them again
 * @param suspended whether the operation under way was paused by an orderly stop of the builder (resumed at the
 *     next start) rather than cut by a crash (undone at the next start)
 */
record Journal(Plan plan, EnvironmentState state, String builderPeerId, String operation,
        List<PlannedContainer> changing, Map<String, List<String>> stepsDone, Set<String> releasePending,
        String failure, boolean keepOnFailure, Instant created, Instant updated, String sshPublicKey,
        List<String> checkpoints, Boolean suspended) {

    Journal {
        Objects.requireNonNull(plan, "plan");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(builderPeerId, "builderPeerId");
        Objects.requireNonNull(operation, "operation");
        changing = List.copyOf(changing);
        Map<String, List<String>> steps = new LinkedHashMap<>();
        stepsDone.forEach((peer, done) -> steps.put(peer, List.copyOf(done)));
        stepsDone = Collections.unmodifiableMap(steps);
        releasePending = Collections.unmodifiableSet(new LinkedHashSet<>(releasePending));
        Objects.requireNonNull(created, "created");
        Objects.requireNonNull(updated, "updated");
        checkpoints = checkpoints == null ? List.of() : List.copyOf(checkpoints);
        suspended = Boolean.TRUE.equals(suspended);
    }

    /** A new journal, with no checkpoint and not suspended. */
    Journal(Plan plan, EnvironmentState state, String builderPeerId, String operation,
            List<PlannedContainer> changing, Map<String, List<String>> stepsDone, Set<String> releasePending,
            String failure, boolean keepOnFailure, Instant created, Instant updated, String sshPublicKey) {
        this(plan, state, builderPeerId, operation, changing, stepsDone, releasePending, failure, keepOnFailure,
                created, updated, sshPublicKey, List.of(), false);
    }

    boolean isSuspended() {
        return Boolean.TRUE.equals(suspended);
    }

    Journal withSuspended(boolean now) {
        return new Journal(plan, state, builderPeerId, operation, changing, stepsDone, releasePending, failure,
                keepOnFailure, created, Instant.now(), sshPublicKey, checkpoints, now);
    }

    Journal withCheckpoint(String checkpoint) {
        List<String> more = new ArrayList<>(checkpoints);
        if (!more.contains(checkpoint)) {
            more.add(checkpoint);
        }
        return new Journal(plan, state, builderPeerId, operation, changing, stepsDone, releasePending, failure,
                keepOnFailure, created, Instant.now(), sshPublicKey, more, suspended);
    }

    String id() {
        return plan.environmentId();
    }

    String name() {
        return plan.blueprint().name();
    }

    Journal with(EnvironmentState newState, String newFailure) {
        return new Journal(plan, newState, builderPeerId, operation, changing, stepsDone, releasePending, newFailure,
                keepOnFailure, created, Instant.now(), sshPublicKey, checkpoints, suspended);
    }

    Journal withPlan(Plan newPlan) {
        return new Journal(newPlan, state, builderPeerId, operation, changing, stepsDone, releasePending, failure,
                keepOnFailure, created, Instant.now(), sshPublicKey, checkpoints, suspended);
    }

    Journal starting(String newOperation, EnvironmentState newState, List<PlannedContainer> newChanging) {
        return new Journal(plan, newState, builderPeerId, newOperation, newChanging, Map.of(), releasePending, null,
                keepOnFailure, created, Instant.now(), sshPublicKey, List.of(), false);
    }

    Journal withStep(String peerId, String step) {
        Map<String, List<String>> steps = new LinkedHashMap<>(stepsDone);
        List<String> done = new ArrayList<>(steps.getOrDefault(peerId, List.of()));
        if (!done.contains(step)) {
            done.add(step);
        }
        steps.put(peerId, done);
        return new Journal(plan, state, builderPeerId, operation, changing, steps, releasePending, failure,
                keepOnFailure, created, Instant.now(), sshPublicKey, checkpoints, suspended);
    }

    Journal withPending(Set<String> pending) {
        return new Journal(plan, state, builderPeerId, operation, changing, stepsDone, pending, failure,
                keepOnFailure, created, Instant.now(), sshPublicKey, checkpoints, suspended);
    }

    Journal withSshPublicKey(String key) {
        return new Journal(plan, state, builderPeerId, operation, changing, stepsDone, releasePending, failure,
                keepOnFailure, created, Instant.now(), key, checkpoints, suspended);
    }

    Environment toEnvironment() {
        return new Environment(id(), name(), state, builderPeerId, plan.subnet(),
                plan.containers().stream().map(PlannedContainer::container).toList(), Optional.ofNullable(failure),
                created, updated);
    }
}
