package io.peeros.container.api;

import java.time.Duration;
import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Manages the containers of this peer. Every method is synchronous and safe to call from several threads;
 * operations on one container are serialized. Containers are daemonized: they keep running when the peer
 * process or this service stops, and this service finds them again when it starts.
 *
 * <p>Names follow {@code [a-z][a-z0-9-]{0,62}} (a DNS label: it becomes the hostname). A method given a name
 * that breaks the rule throws {@link ContainerException#INVALID_NAME}; one given an unknown name throws
 * {@link ContainerException#NOT_FOUND}. A failed {@code create} or {@code clone} leaves nothing behind.
 */
@ProviderType
public interface ContainerManager {

    /** Creates a stopped container holding its own copy of {@code template}'s root file system. */
    ContainerInfo create(String name, Template template);

    /**
     * Creates a stopped copy-on-write clone of the stopped container {@code source} (an overlay snapshot:
     * cheap in time and disk). The source cannot be destroyed while clones of it exist.
     */
    ContainerInfo clone(String source, String name);

    /** Starts the container in the background; returns once it is running. Starting a running one is a no-op. */
    ContainerInfo start(String name);

    /**
     * Stops the container: asks its init to halt, waits up to {@code timeout}, then kills it. Stopping a
     * stopped container is a no-op.
     *
     * @param timeout how long a clean halt may take; {@code null} for the manager's default, zero to kill
     */
    ContainerInfo stop(String name, Duration timeout);

    /** Stops (as {@link #stop} with the default timeout) and starts the container. */
    ContainerInfo restart(String name);

    /** Stops the container if needed and removes it and its file system. */
    void destroy(String name);

    /** Freezes every process of a running container. */
    ContainerInfo freeze(String name);

    /** Thaws a frozen container. */
    ContainerInfo unfreeze(String name);

    /**
     * Runs a command in a running container and waits for it.
     *
     * @throws ContainerException {@link ContainerException#EXEC_TIMEOUT} when it was killed at its timeout
     */
    ExecResult exec(String name, ExecRequest request);

    /** The container's run state. */
    ContainerState state(String name);

    /** What is known about the container now. */
    ContainerInfo info(String name);

    /** All containers of this peer, sorted by name. */
    List<ContainerInfo> list();
}
