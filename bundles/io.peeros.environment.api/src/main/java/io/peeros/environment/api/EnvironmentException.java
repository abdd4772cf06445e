package io.peeros.environment.api;

/**
 * A refused environment operation, with a stable code (REST error bodies and scripts test it) and a message
 * that says what is wrong. Codes: {@code ENVIRONMENT_NOT_FOUND}, {@code ENVIRONMENT_BUSY} (another operation
 * runs on it), {@code PLACEMENT_IMPOSSIBLE} (no peer meets a group's constraints or capacity), {@code PEER_UNKNOWN},
 * {@code PEER_UNREACHABLE}, {@code TEMPLATE_MISSING}, {@code GROUP_UNKNOWN}, {@code INVALID_REQUEST},
 * {@code NOT_INITIATOR} (a peer asked to act on an environment another peer manages).
 */
public class EnvironmentException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String code;

    public EnvironmentException(String code, String message) {
        super(message);
        this.code = code;
    }

    public EnvironmentException(String code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    /** The stable error code. */
    public String code() {
        return code;
    }
}
