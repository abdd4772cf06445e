package io.peeros.container.api;

/**
 * A refused or failed container operation. The code is stable (it appears in REST error bodies and scripts
 * may test it); the message says what is wrong in words an operator understands.
 */
public class ContainerException extends RuntimeException {

    /** The name breaks the naming rule. */
    public static final String INVALID_NAME = "INVALID_NAME";
    /** A container with that name already exists. */
    public static final String NAME_TAKEN = "NAME_TAKEN";
    /** No container with that name exists. */
    public static final String NOT_FOUND = "NOT_FOUND";
    /** The container is not in a state that allows the operation (e.g. exec on a stopped container). */
    public static final String INVALID_STATE = "INVALID_STATE";
    /** Other containers are clones of this one and depend on its file system. */
    public static final String IN_USE = "IN_USE";
    /** The template is missing or malformed. */
    public static final String INVALID_TEMPLATE = "INVALID_TEMPLATE";
    /** The request itself is malformed (empty command, bad user, negative timeout...). */
    public static final String INVALID_REQUEST = "INVALID_REQUEST";
    /** A command run in the container did not finish in time and was killed. */
    public static final String EXEC_TIMEOUT = "EXEC_TIMEOUT";
    /** An operation did not complete in time (start, stop). */
    public static final String TIMEOUT = "TIMEOUT";
    /** The host port is held by another port mapping or bound by a process of the host. */
    public static final String PORT_TAKEN = "PORT_TAKEN";
    /** The peer's host network (bridge, addresses, nftables rules) could not be set up or changed. */
    public static final String NETWORK_FAILURE = "NETWORK_FAILURE";
    /** LXC refused or failed; the message carries what LXC said. */
    public static final String LXC_FAILURE = "LXC_FAILURE";

    private static final long serialVersionUID = 1L;

    private final String code;

    public ContainerException(String code, String message) {
        super(message);
        this.code = code;
    }

    public ContainerException(String code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    /** The stable error code, one of the constants of this class, e.g. {@link #NAME_TAKEN}. */
    public String code() {
        return code;
    }
}
