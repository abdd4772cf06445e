package io.peeros.environment.api;

import io.peeros.container.api.ExecRequest;
import io.peeros.container.api.ExecResult;
import io.peeros.container.api.Quota;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Builds environments from blueprints on this peer and on registered peers, and manages the ones this peer
 * built. A build runs its steps in parallel on every chosen peer, records each step so it can resume or be
 * undone after a crash, and on failure undoes everything on every peer (no container, TAP, bridge, reservation
 * or record is left) unless asked to keep it. Every method that takes an environment accepts its id or name.
 *
 * <p>Long operations report through a {@code Consumer<Progress>} (called from the operation's threads; it must
 * not block) and return when they end. Only one operation runs on an environment at a time.
 */
@ProviderType
public interface EnvironmentService {

    /** Places the blueprint's containers on peers and reserves nothing: what {@code --dry-run} shows. */
    Plan plan(Blueprint blueprint);

    /**
     * Builds the environment and returns it HEALTHY, or FAILED (after the rollback, with the cause), or
     * CANCELLED.
     *
     * @param keepOnFailure leave what a failed build made in place, for debugging ({@link #destroy} removes it)
     * @throws EnvironmentException when the blueprint cannot be placed (nothing is created)
     */
    Environment build(Blueprint blueprint, boolean keepOnFailure, Consumer<Progress> progress);

    /** Every environment this peer built and has not destroyed, by name. */
    List<Environment> list();

    /** One environment by id or name. */
    Optional<Environment> get(String environment);

    /** Adds {@code count} containers to a group, placed as the blueprint says; undone if it fails. */
    Environment grow(String environment, String group, int count, Consumer<Progress> progress);

    /** Removes the {@code count} newest containers of a group (at least one stays). */
    Environment shrink(String environment, String group, int count, Consumer<Progress> progress);

    /**
     * Gives every container of a group new limits, on every peer that hosts one, while they run. The limits
     * {@code quota} sets replace the group's; the ones it leaves unset stay as they are. The environment records
     * the result as the group's quota, so containers a later grow adds get it too. If a peer refuses (a limit it
     * cannot honour, an unreachable peer), the containers already changed are put back to their previous limits
     * and the environment stays HEALTHY.
     *
     * @return the environment, HEALTHY
     * @throws EnvironmentException {@code OPERATION_FAILED} when a peer refused (the cause carries its error and
     *     code), {@code ENVIRONMENT_BUSY}, {@code GROUP_UNKNOWN}, {@code INVALID_REQUEST} (no limit given, or the
     *     environment is not HEALTHY)
     * @since 1.2
     */
    Environment resize(String environment, String group, Quota quota, Consumer<Progress> progress);

    /** Removes every container, the swarm and the records from every peer. */
    void destroy(String environment, Consumer<Progress> progress);

    /** Runs a command in one container of the environment, on whichever peer hosts it. */
    ExecResult exec(String environment, String container, ExecRequest request);

    /** Asks a running build to stop; it rolls back. False when nothing runs on the environment. */
    boolean cancel(String environment);

    /**
     * Follows the progress of whatever runs on the environment now (for REST's event stream); the returned
     * handle stops following.
     */
    AutoCloseable follow(String environment, Consumer<Progress> progress);
}
