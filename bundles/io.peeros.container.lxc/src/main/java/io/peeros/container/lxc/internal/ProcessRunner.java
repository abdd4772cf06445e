package io.peeros.container.lxc.internal;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs the {@code lxc-*} tools and other host commands with a deadline, capturing stdout and stderr apart.
 * Children are spawned by the JDK (posix_spawn), which closes every descriptor of the JVM but the three
 * standard ones: nothing of the peer leaks into them or, through {@code lxc-attach}, into a container.
 */
public final class ProcessRunner {

    /** After the command exits, how long its output may still take to arrive (background holders of the pipe). */
    private static final long DRAIN_MILLIS = 500;

    /** What a finished command produced. */
    public record Outcome(int exitCode, byte[] stdout, byte[] stderr, boolean truncated) {

        public String stdoutText() {
            return new String(stdout, StandardCharsets.UTF_8);
        }

        public String stderrText() {
            return new String(stderr, StandardCharsets.UTF_8).strip();
        }
    }

    private final ExecutorService pumps;

    public ProcessRunner(ExecutorService pumps) {
        this.pumps = pumps;
    }

    /**
     * Runs {@code argv} in {@code /} with stdin from {@code /dev/null}.
     *
     * @throws TimeoutException when it ran past {@code timeoutMillis}; it and its descendants were killed
     */
    public Outcome run(List<String> argv, long timeoutMillis, int maxOutput) throws IOException, TimeoutException {
        Process process = new ProcessBuilder(argv).directory(new File("/"))
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        Capture out = new Capture(maxOutput);
        Capture err = new Capture(maxOutput);
        Future<?> outPump = pumps.submit(() -> out.pump(process.getInputStream()));
        Future<?> errPump = pumps.submit(() -> err.pump(process.getErrorStream()));
        try {
            if (!process.waitFor(timeoutMillis, TimeUnit.MILLISECONDS)) {
                killTree(process);
                throw new TimeoutException(argv.get(0) + " did not finish in " + timeoutMillis + " ms");
            }
            finish(outPump);
            finish(errPump);
            return new Outcome(process.exitValue(), out.bytes(), err.bytes(), out.truncated() || err.truncated());
        } catch (InterruptedException e) {
            killTree(process);
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running " + argv.get(0), e);
        }
    }

    private static void finish(Future<?> pump) throws InterruptedException {
        try {
            pump.get(DRAIN_MILLIS, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            // A background process still holds the pipe: keep what arrived, let the pump end with the pipe.
        } catch (ExecutionException e) {
            throw new UncheckedIOException(new IOException("reading command output failed", e.getCause()));
        }
    }

    /** Kills the process and everything it started (for lxc-attach: the command inside the container). */
    private static void killTree(Process process) {
        List<ProcessHandle> descendants = process.descendants().toList();
        process.destroyForcibly();
        descendants.forEach(ProcessHandle::destroyForcibly);
        try {
            process.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Keeps the first {@code max} bytes of a stream and drops the rest, so the reader never stops. */
    private static final class Capture {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final int max;
        private boolean truncated;

        Capture(int max) {
            this.max = max;
        }

        void pump(InputStream in) {
            byte[] buf = new byte[16384];
            try (in) {
                for (int n; (n = in.read(buf)) >= 0;) {
                    add(buf, n);
                }
            } catch (IOException e) {
                // the stream was closed under us: keep what we have
            }
        }

        private synchronized void add(byte[] buf, int n) {
            int keep = Math.max(0, Math.min(n, max - bytes.size()));
            bytes.write(buf, 0, keep);
            truncated |= keep < n;
        }

        synchronized byte[] bytes() {
            return bytes.toByteArray();
        }

        synchronized boolean truncated() {
            return truncated;
        }
    }
}
