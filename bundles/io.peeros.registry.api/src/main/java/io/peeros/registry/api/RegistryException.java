package io.peeros.registry.api;

/**
 * A refused registry operation. The code is stable (REST error bodies carry it); the message says what is
 * wrong and, where it helps, what to do.
 */
public class RegistryException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String code;

    public RegistryException(String code, String message) {
        super(message);
        this.code = code;
    }

    public RegistryException(String code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    /** The stable error code, e.g. {@code CODE_WRONG} or {@code PEER_UNKNOWN}. */
    public String code() {
        return code;
    }
}
