package io.peeros.vpn.api;

/**
 * A refused VPN operation. The code is stable (it appears in REST error bodies and scripts may test it);
 * the message says what is wrong in words a user understands.
 */
public class VpnException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String code;

    public VpnException(String code, String message) {
        super(message);
        this.code = code;
    }

    public VpnException(String code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    /** The stable error code, e.g. {@code SWARM_INVALID}. */
    public String code() {
        return code;
    }
}
