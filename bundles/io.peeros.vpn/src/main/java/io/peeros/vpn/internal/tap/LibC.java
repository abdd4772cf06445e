package io.peeros.vpn.internal.tap;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;

/**
 * Direct-mapped C library calls for the data plane (the bundle's only JNA binding, style rule 18). Direct
 * mapping (no proxy, no Structure) because these calls are on the per-packet path; arguments are raw
 * pointers into memory the callers own. errno is read with {@link Native#getLastError()} right after a call.
 */
public final class LibC {
    /** The lowest JNA version whose direct mapping and {@code getLastError} this class relies on. */
    static final String MIN_JNA = "5.";

    static {
        if (!Platform.isLinux() || !Native.VERSION.startsWith(MIN_JNA)) {
            throw new IllegalStateException("needs JNA 5.x on Linux, found " + Native.VERSION + " on " + Platform.RESOURCE_PREFIX);
        }
        Native.register(LibC.class, NativeLibrary.getInstance(Platform.C_LIBRARY_NAME));
    }

    private LibC() {
    }

    static native int open(String path, int flags);
    static native int close(int fd);
    static native int ioctl(int fd, long request, Pointer arg);
    static native long read(int fd, Pointer buf, long count);
    static native long write(int fd, Pointer buf, long count);
    static native int poll(Pointer fds, long nfds, int timeoutMillis);
    static native int socket(int domain, int type, int protocol);
    static native int bind(int fd, Pointer addr, int len);
    static native int connect(int fd, Pointer addr, int len);
    static native int getsockname(int fd, Pointer addr, Pointer len);
    static native int setsockopt(int fd, int level, int name, Pointer value, int len);
    static native int sendmmsg(int fd, Pointer msgvec, int vlen, int flags);
    static native int recvmmsg(int fd, Pointer msgvec, int vlen, int flags, Pointer timeout);
    static native long send(int fd, Pointer buf, long len, int flags);
    static native long recv(int fd, Pointer buf, long len, int flags);
    static native String strerror(int errnum);

    /** errno of the last call on this thread. */
    static int errno() {
        return Native.getLastError();
    }

    /** Throws for a negative return code. */
    static long check(long rc, String call) throws NativeException {
        if (rc < 0) {
            throw new NativeException(call, errno());
        }
        return rc;
    }

    static String describe(int errno) {
        try {
            return strerror(errno);
        } catch (RuntimeException | LinkageError e) {
            return "errno " + errno;
        }
    }
}
