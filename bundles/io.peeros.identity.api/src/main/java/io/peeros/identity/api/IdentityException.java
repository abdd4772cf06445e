package io.peeros.identity.api;

/**
 * A refused identity operation. The code is stable (it appears in REST error bodies and scripts may test
 * it); the message says what is wrong in words a user understands.
 */
public class IdentityException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String code;

    public IdentityException(String code, String message) {
        super(message);
        this.code = code;
    }

    public IdentityException(String code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    /** The stable error code, e.g. {@code PASSWORD_WEAK}. */
    public String code() {
        return code;
    }
}
