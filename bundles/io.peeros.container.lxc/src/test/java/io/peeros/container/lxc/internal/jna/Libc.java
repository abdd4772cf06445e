package io.peeros.container.lxc.internal.jna;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;

/** Test-only: the libc calls {@link AttachExec} needs for pipes, a pidfd and a deadline. */
interface Libc extends Library {

    int O_RDONLY = 0;
    int O_NONBLOCK = 0x800;
    int O_CLOEXEC = 0x80000;
    int F_SETFL = 4;
    short POLLIN = 0x1;
    int EINTR = 4;
    int EAGAIN = 11;
    int ECHILD = 10;
    int ESRCH = 3;
    int WNOHANG = 1;
    int SIGKILL = 9;

    static Libc load() {
        return Native.load("c", Libc.class);
    }

    int pipe2(int[] fds, int flags) throws LastErrorException;

    int open(String path, int flags) throws LastErrorException;

    int fcntl(int fd, int cmd, int arg) throws LastErrorException;

    int close(int fd) throws LastErrorException;

    long read(int fd, byte[] buffer, long count) throws LastErrorException;

    int poll(Pointer fds, long count, int timeoutMillis) throws LastErrorException;

    int pidfd_open(int pid, int flags) throws LastErrorException;

    int waitpid(int pid, int[] status, int options) throws LastErrorException;

    int kill(int pid, int signal) throws LastErrorException;
}
