package io.peeros.vpn.internal.tap;

/** A failed system call at the native boundary: the call, its errno and the C library's message. */
public final class NativeException extends Exception {
    private static final long serialVersionUID = 1L;
    private final int errno;

    NativeException(String call, int errno) {
        super(call + " failed: " + LibC.describe(errno) + " (errno " + errno + ")");
        this.errno = errno;
    }

    /** The C {@code errno} after the failed call. */
    public int errno() {
        return errno;
    }
}
