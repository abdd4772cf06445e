package io.peeros.container.template.internal;

import io.peeros.container.api.TemplateException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One run of a command-line tool ({@code tar}, {@code zstd}, {@code unshare}) whose stdin or stdout the
 * caller pipes. Its stderr is kept (the last 16 KiB) for the error message; closing kills it if it is still
 * running, so no tool outlives a failed operation.
 */
final class Tool implements AutoCloseable {

    private static final int KEEP_STDERR = 16 * 1024;
    private static final long TIMEOUT_MINUTES = 120;

    private final List<String> argv;
    private final Process process;
    private final Thread stderrReader;
    private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();

    private Tool(List<String> argv, Process process) {
        this.argv = argv;
        this.process = process;
        this.stderrReader = new Thread(this::drainStderr, "peeros-template-" + argv.get(0) + "-stderr");
        stderrReader.setDaemon(true);
        stderrReader.start();
    }

    static Tool start(List<String> argv, ProcessBuilder.Redirect in, ProcessBuilder.Redirect out) {
        try {
            return new Tool(argv, new ProcessBuilder(argv).redirectInput(in).redirectOutput(out).start());
        } catch (IOException e) {
            throw new TemplateException(TemplateException.STORE_FAILURE, "cannot run " + argv.get(0) + ": "
                    + e.getMessage(), e);
        }
    }

    Process process() {
        return process;
    }

    /** Waits for the tool to exit; a non-zero status becomes a failure quoting its stderr. */
    void finish(String what) {
        try {
            if (!process.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                throw new TemplateException(TemplateException.STORE_FAILURE, "could not " + what + ": " + argv.get(0)
                        + " did not finish in " + TIMEOUT_MINUTES + " minutes");
            }
            stderrReader.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TemplateException(TemplateException.STORE_FAILURE, "interrupted while waiting to " + what);
        }
        if (process.exitValue() != 0) {
            throw new TemplateException(TemplateException.STORE_FAILURE, "could not " + what + ": " + argv.get(0)
                    + " exited with " + process.exitValue() + ": " + stderrText());
        }
    }

    String stderrText() {
        synchronized (stderr) {
            return stderr.toString(StandardCharsets.UTF_8).strip();
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void drainStderr() {
        byte[] buf = new byte[4096];
        try (InputStream in = process.getErrorStream()) {
            for (int n; (n = in.read(buf)) > 0; ) {
                synchronized (stderr) {
                    if (stderr.size() + n > KEEP_STDERR) {
                        byte[] all = stderr.toByteArray();
                        stderr.reset();
                        int keep = Math.max(0, KEEP_STDERR / 2 - n);
                        stderr.write(all, all.length - Math.min(keep, all.length), Math.min(keep, all.length));
                    }
                    stderr.write(buf, 0, n);
                }
            }
        } catch (IOException e) {
            // the tool has gone; what it wrote so far is kept
        }
    }
}
