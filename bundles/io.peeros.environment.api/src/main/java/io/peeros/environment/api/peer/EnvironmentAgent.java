package io.peeros.environment.api.peer;

import io.peeros.container.api.ExecRequest;
import io.peeros.container.api.ExecResult;
import io.peeros.container.api.Quota;
import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/**
 * This peer's part of environments built by any peer. {@code caller} is the peer id of the builder (from its
 * TLS client certificate, or this peer's own id for local calls). Every method is idempotent. Refusals are
 * {@link io.peeros.environment.api.EnvironmentException}s: {@code NOT_INITIATOR} when the caller is not the peer
 * that prepared the environment here, {@code ENVIRONMENT_NOT_FOUND} when it was never prepared (or released).
 */
@ProviderType
public interface EnvironmentAgent {

    /**
     * Records the environment here with {@code caller} as its builder and joins its swarm (members and subnet).
     * Repeating it with the same request does nothing; with other members it reconciles the swarm.
     */
    void prepare(String caller, PrepareRequest request);

    /**
     * Makes the container if it does not exist (from the template, with the hostname and quota), attaches it to
     * the environment's swarm with the address, and starts it. A container of that name that already belongs to
     * the environment is only started if needed.
     */
    AgentContainer createContainer(String caller, String environmentId, ContainerRequest request);

    /** Writes the environment's hosts table and SSH keys into every container of the environment on this peer. */
    void configure(String caller, String environmentId, ConfigureRequest request);

    /** Runs a command in a container of the environment on this peer. */
    ExecResult exec(String caller, String environmentId, String container, ExecRequest request);

    /**
     * Replaces the limits of a container of the environment on this peer with {@code quota} (limits it leaves
     * unset are removed), at once when it runs and for its next starts; setting the limits it has does nothing.
     * A quota this peer cannot honour is refused with the quota service's code ({@code INVALID_REQUEST},
     * {@code INVALID_STATE}, ...) and leaves the container's limits as they were.
     *
     * @return the limits now in force
     * @since 1.2
     */
    Quota setQuota(String caller, String environmentId, String container, Quota quota);

    /**
     * The limits of a container of the environment on this peer; {@link Quota#NONE} when it has none.
     *
     * @since 1.2
     */
    Quota quota(String caller, String environmentId, String container);

    /** Destroys one container of the environment on this peer; nothing when it is already gone. */
    void removeContainer(String caller, String environmentId, String container);

    /**
     * Destroys every container of the environment on this peer, leaves its swarm and forgets it. Nothing when it
     * is not known here.
     */
    void release(String caller, String environmentId);

    /** The environments this peer hosts a part of, whoever built them. */
    List<HostedEnvironment> hosted();

    /** What this peer can take: for the builder's planner. */
    Capacity capacity();
}
