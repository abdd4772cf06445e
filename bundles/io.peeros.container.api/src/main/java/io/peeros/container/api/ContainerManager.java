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
 *
 * <p>The peer owns the network of its containers: each gets a veth on the peer's bridge and an IPv4 address
 * leased to it from the peer's subnet when it is created or cloned, and given back when it is destroyed.
 * A container that the peer started runs again after the peer (or the machine) restarts, until it is stopped
 * through this service.
 *
 * <p>A container can also join other layer-2 networks, typically the bridge that the VPN gives an environment on
 * this peer: {@link #attach} adds an interface {@code eth1} to {@code eth4} plugged into such a bridge, with an
 * address of the environment's subnet. Attachments live in the container's LXC config, so they survive restarts
 * of the container and of the peer; a clone does not inherit them. The peer never routes between an attached
 * bridge and its own bridge, nor between two attached bridges: traffic stays on the bridge it came from.
 */
@ProviderType
public interface ContainerManager {

    /** The most attachments a container can have ({@code eth1} to {@code eth4}). */
    int MAX_ATTACHMENTS = 4;

    /** Creates a stopped container holding its own copy of {@code template}'s root file system. */
    ContainerInfo create(String name, Template template);

    /**
     * Creates a stopped copy-on-write clone of the stopped container {@code source} (an overlay snapshot:
     * cheap in time and disk). The source cannot be destroyed while clones of it exist.
     */
    ContainerInfo clone(String source, String name);

    /**
     * Starts the container in the background; returns once it is running. Starting a running one is a no-op.
     *
     * @throws ContainerException {@link ContainerException#INVALID_STATE} when the bridge of one of its
     *         attachments does not exist (since 1.2)
     */
    ContainerInfo start(String name);

    /**
     * Stops the container: asks its init to halt, waits up to {@code timeout}, then kills it. Stopping a
     * stopped container is a no-op. A stopped container stays stopped when the peer restarts.
     *
     * @param timeout how long a clean halt may take; {@code null} for the manager's default, zero to kill
     */
    ContainerInfo stop(String name, Duration timeout);

    /**
     * Stops (as {@link #stop} with the default timeout) and starts the container. Unlike {@link #stop}, it
     * leaves the container among those that run again after a restart of the peer.
     */
    ContainerInfo restart(String name);

    /** Stops the container if needed and removes it, its file system, its address lease and its port mappings. */
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

    /**
     * Sets the container's hostname: LXC's {@code lxc.uts.name} and the container's {@code /etc/hostname}. A
     * running container gets it at once (through {@code hostname} in the container), a stopped one at its next
     * start.
     *
     * @param hostname lower-case letters, digits, '-' and '.', dot-separated labels of 1 to 63 characters that
     *        neither start nor end with '-', at most 64 characters in all
     * @throws ContainerException {@link ContainerException#INVALID_REQUEST} for a malformed hostname
     */
    ContainerInfo setHostname(String name, String hostname);

    /**
     * Forwards {@code hostPort} of the host to {@code containerPort} of the container, for {@code protocol}.
     * The mapping holds until it is removed or the container is destroyed, and survives restarts of the peer.
     * The container need not be running. Mapping the same host port to the same target again is a no-op.
     *
     * @throws ContainerException {@link ContainerException#PORT_TAKEN} when another mapping holds the host port
     *         or a host process has bound it; {@link ContainerException#INVALID_REQUEST} for a port outside 1 to
     *         65535; {@link ContainerException#INVALID_STATE} when the container has no address from the peer
     */
    PortMapping mapPort(String name, PortMapping.Protocol protocol, int hostPort, int containerPort);

    /**
     * Removes the mapping of {@code hostPort} to the container.
     *
     * @throws ContainerException {@link ContainerException#NOT_FOUND} when the container has no such mapping
     */
    void unmapPort(String name, PortMapping.Protocol protocol, int hostPort);

    /** The port mappings of one container, sorted by protocol and host port. */
    List<PortMapping> ports(String name);

    /**
     * Plugs the container into the layer-2 network of {@code attachment}'s bridge: a veth whose host end is a
     * port of the bridge and whose container end is the lowest free of {@code eth1} to {@code eth4}, with the
     * attachment's address (and no gateway), MTU and MAC, up. It is written to the container's LXC config; a
     * running (or frozen) container also gets the interface at once. Attaching is all or nothing: when it fails
     * neither a veth nor a config line is left. Detach first to change an attachment.
     *
     * @return the container with its new attachment in {@link ContainerInfo#attachments()}
     * @throws ContainerException {@link ContainerException#INVALID_REQUEST} when the bridge does not exist or is
     *         not a bridge, is the peer's own bridge, the container is already attached to it, it already has
     *         {@value #MAX_ATTACHMENTS} attachments, or another container of this manager has the same address
     *         on the bridge; {@link ContainerException#INVALID_STATE} when the container is starting or stopping, or
     *         the manager has no host network; {@link ContainerException#NETWORK_FAILURE} when the interface
     *         could not be made
     * @since 1.2
     */
    ContainerInfo attach(String name, NetworkAttachment attachment);

    /**
     * Unplugs the container from {@code bridge}: removes the attachment from its config and, from a running (or
     * frozen) container, the interface and its veth at once.
     *
     * @return the container without that attachment
     * @throws ContainerException {@link ContainerException#NOT_FOUND} when the container is not attached to
     *         {@code bridge}; {@link ContainerException#INVALID_STATE} when it is starting or stopping
     * @since 1.2
     */
    ContainerInfo detach(String name, String bridge);
}
