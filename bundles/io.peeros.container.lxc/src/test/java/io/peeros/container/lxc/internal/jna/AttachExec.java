package io.peeros.container.lxc.internal.jna;

import com.sun.jna.Function;
import com.sun.jna.LastErrorException;
import com.sun.jna.Memory;
import com.sun.jna.NativeLibrary;
import io.peeros.container.api.ExecResult;
import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.concurrent.TimeoutException;

/**
 * Test-only: runs a command in a container through liblxc's in-process {@code attach}, with stdout and
 * stderr on two pipes polled with a pidfd and a deadline. Kept to measure it against {@code lxc-attach}:
 * liblxc forks the whole JVM here, and every descriptor the JVM holds without close-on-exec reaches the
 * command (see {@link ForkCostComparisonTest}). Production code uses {@code lxc-attach}.
 */
public final class AttachExec {

    private static final int POLL_FDS = 3;
    private static final int REAP_MILLIS = 5_000;

    private final Libc libc = Libc.load();
    private final Function runCommand = NativeLibrary.getInstance("liblxc.so.1").getFunction("lxc_attach_run_command");

    /**
     * Runs {@code command} in the running container {@code c}.
     *
     * @param env {@code NAME=value} entries, the whole environment of the command
     * @param maxOutput bytes kept per stream; the rest is read and dropped
     * @throws TimeoutException when the command was killed at {@code timeoutMillis}
     */
    public ExecResult run(LxcContainer c, List<String> command, List<String> env, String cwd, int uid, int gid,
            long timeoutMillis, int maxOutput) throws LxcException, TimeoutException {
        int[] out = pipe();
        int[] err;
        try {
            err = pipe();
        } catch (LxcException e) {
            closeAll(out[0], out[1]);
            throw e;
        }
        int devNull = -1;
        int pidfd = -1;
        try {
            devNull = libc.open("/dev/null", Libc.O_RDONLY | Libc.O_CLOEXEC);
            int pid = attach(c, new AttachOptions(command, env, cwd, uid, gid, devNull, out[1], err[1]));
            closeAll(out[1], err[1], devNull);
            out[1] = err[1] = devNull = -1;
            pidfd = libc.pidfd_open(pid, 0);
            return pump(pid, pidfd, out[0], err[0], System.nanoTime() + timeoutMillis * 1_000_000L, maxOutput);
        } catch (LastErrorException e) {
            throw new LxcException("exec in " + c.name() + " failed: " + e.getMessage(), e.getErrorCode());
        } finally {
            closeAll(out[0], out[1], err[0], err[1], devNull, pidfd);
        }
    }

    private int attach(LxcContainer c, AttachOptions options) throws LxcException {
        int[] pid = {-1};
        Function attach = Function.getFunction(c.getPointer().getPointer(AttachOptions.ATTACH));
        int r = attach.invokeInt(new Object[] {c.getPointer(), runCommand, options.command(), options.options(), pid});
        if (r < 0 || pid[0] <= 0) {
            throw new LxcException("lxc attach into " + c.name() + " failed");
        }
        return pid[0];
    }

    private ExecResult pump(int pid, int pidfd, int outFd, int errFd, long deadline, int maxOutput)
            throws TimeoutException {
        Capture stdout = new Capture(maxOutput);
        Capture stderr = new Capture(maxOutput);
        Memory fds = new Memory(8L * POLL_FDS);
        int[] watched = {outFd, errFd, pidfd};
        while (true) {
            long left = (deadline - System.nanoTime()) / 1_000_000L;
            if (left <= 0) {
                killTree(pid);
                reap(pid, pidfd);
                throw new TimeoutException();
            }
            for (int i = 0; i < POLL_FDS; i++) {
                fds.setInt(8L * i, watched[i]);
                fds.setShort(8L * i + 4, Libc.POLLIN);
                fds.setShort(8L * i + 6, (short) 0);
            }
            if (!poll(fds, (int) Math.min(left, Integer.MAX_VALUE))) {
                continue;
            }
            for (int i = 0; i < 2; i++) {
                if (watched[i] >= 0 && fds.getShort(8L * i + 6) != 0 && drain(watched[i], i == 0 ? stdout : stderr)) {
                    watched[i] = -1;
                }
            }
            if (fds.getShort(8L * 2 + 6) != 0) {
                // The command exited: take what is already in the pipes, not what its background children
                // may still write.
                for (int i = 0; i < 2; i++) {
                    if (watched[i] >= 0) {
                        drain(watched[i], i == 0 ? stdout : stderr);
                    }
                }
                int status = reap(pid, pidfd);
                return new ExecResult(exitCode(status), stdout.bytes(), stderr.bytes(),
                        stdout.truncated || stderr.truncated);
            }
        }
    }

    private boolean poll(Memory fds, int millis) {
        try {
            return libc.poll(fds, POLL_FDS, millis) > 0;
        } catch (LastErrorException e) {
            if (e.getErrorCode() == Libc.EINTR) {
                return false;
            }
            throw e;
        }
    }

    /** Reads until the pipe is empty; true at end of file. */
    private boolean drain(int fd, Capture into) {
        byte[] buf = new byte[65536];
        while (true) {
            long n;
            try {
                n = libc.read(fd, buf, buf.length);
            } catch (LastErrorException e) {
                if (e.getErrorCode() == Libc.EAGAIN) {
                    return false;
                }
                if (e.getErrorCode() == Libc.EINTR) {
                    continue;
                }
                return true;
            }
            if (n == 0) {
                return true;
            }
            into.add(buf, (int) n);
        }
    }

    /** Waits (bounded) for the exited or killed child and returns its wait status, or -1. */
    private int reap(int pid, int pidfd) {
        int[] status = {0};
        long until = System.nanoTime() + REAP_MILLIS * 1_000_000L;
        do {
            try {
                if (libc.waitpid(pid, status, Libc.WNOHANG) == pid) {
                    return status[0];
                }
                Memory fd = new Memory(8);
                fd.setInt(0, pidfd);
                fd.setShort(4, Libc.POLLIN);
                fd.setShort(6, (short) 0);
                libc.poll(fd, 1, 100);
            } catch (LastErrorException e) {
                if (e.getErrorCode() != Libc.EINTR) {
                    return -1;
                }
            }
        } while (System.nanoTime() < until);
        return -1;
    }

    private void killTree(int pid) {
        List<ProcessHandle> descendants = ProcessHandle.of(pid).map(h -> h.descendants().toList()).orElse(List.of());
        kill(pid);
        descendants.forEach(h -> kill((int) h.pid()));
    }

    private void kill(int pid) {
        try {
            libc.kill(pid, Libc.SIGKILL);
        } catch (LastErrorException e) {
            // already gone
        }
    }

    /** Exit status as a shell reports it: the code, or 128 + signal. */
    static int exitCode(int status) {
        if (status == -1) {
            return -1;
        }
        int signal = status & 0x7f;
        return signal == 0 ? (status >> 8) & 0xff : 128 + signal;
    }

    private int[] pipe() throws LxcException {
        int[] fds = new int[2];
        try {
            libc.pipe2(fds, Libc.O_CLOEXEC);
            libc.fcntl(fds[0], Libc.F_SETFL, Libc.O_NONBLOCK);
            return fds;
        } catch (LastErrorException e) {
            closeAll(fds[0] > 0 ? fds[0] : -1, fds[1] > 0 ? fds[1] : -1);
            throw new LxcException("cannot create pipe: " + e.getMessage(), e.getErrorCode());
        }
    }

    private void closeAll(int... fds) {
        for (int fd : fds) {
            if (fd >= 0) {
                try {
                    libc.close(fd);
                } catch (LastErrorException e) {
                    // nothing more to do with it
                }
            }
        }
    }

    /** Keeps the first {@code max} bytes of a stream. */
    private static final class Capture {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final int max;
        private boolean truncated;

        Capture(int max) {
            this.max = max;
        }

        void add(byte[] buf, int n) {
            int keep = Math.min(n, max - bytes.size());
            bytes.write(buf, 0, Math.max(keep, 0));
            truncated |= keep < n;
        }

        byte[] bytes() {
            return bytes.toByteArray();
        }
    }
}
