package io.peeros.shell.internal;

/**
 * A refused command. Karaf prints its message as {@code Error executing command: <message> [<CODE>]} on
 * every kind of terminal, SSH batch mode included, and a script can catch it ({@code try { } { }}).
 */
public final class CommandFailure extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String code;

    public CommandFailure(String message, String code) {
        super(message + " [" + code + "]", null, false, false);
        this.code = code;
    }

    /** The stable error code from the API. */
    public String code() {
        return code;
    }
}
