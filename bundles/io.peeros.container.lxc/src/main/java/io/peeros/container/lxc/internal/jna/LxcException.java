package io.peeros.container.lxc.internal.jna;

/**
 * A failure reported by liblxc or libc, raised where native code returns to Java. It carries the errno
 * when there is one, so callers can tell "does not exist" from "failed".
 */
public final class LxcException extends Exception {

    private static final long serialVersionUID = 1L;

    private final int errno;

    public LxcException(String message) {
        this(message, 0);
    }

    public LxcException(String message, int errno) {
        super(errno == 0 ? message : message + " (errno " + errno + ")");
        this.errno = errno;
    }

    /** The errno that came with the failure, or 0. */
    public int errno() {
        return errno;
    }
}
