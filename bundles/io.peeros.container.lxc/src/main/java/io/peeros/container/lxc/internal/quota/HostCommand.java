package io.peeros.container.lxc.internal.quota;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the host tools quotas need ({@code btrfs}, {@code tc}, {@code ip}, {@code lxc-info}, {@code cp}) with a
 * deadline. Output goes to a temporary file, so a tool that hangs cannot block the reader; the JDK spawns
 * with only descriptors 0–2 open.
 */
public final class HostCommand {

    private static final long DEFAULT_TIMEOUT_MILLIS = 30_000;

    private HostCommand() {
    }

    /** What a finished command printed on stdout and stderr together, and its exit code. */
    public record Result(int exitCode, String output) {
    }

    /** Runs {@code argv}; a non-zero exit is returned, not thrown. */
    public static Result run(long timeoutMillis, List<String> argv) throws IOException {
        Path out = Files.createTempFile("peeros-quota-", ".out");
        try {
            Process p = new ProcessBuilder(argv).directory(new File("/")).redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectOutput(out.toFile()).start();
            if (!p.waitFor(timeoutMillis, TimeUnit.MILLISECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                throw new IOException(String.join(" ", argv) + " did not finish in " + timeoutMillis + " ms");
            }
            return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8).strip());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running " + argv.get(0), e);
        } finally {
            Files.deleteIfExists(out);
        }
    }

    /** Runs {@code argv} and returns its output; a non-zero exit becomes an IOException quoting the tool. */
    public static String check(String... argv) throws IOException {
        Result r = run(DEFAULT_TIMEOUT_MILLIS, List.of(argv));
        if (r.exitCode() != 0) {
            throw new IOException(String.join(" ", argv) + " failed (exit " + r.exitCode() + "): " + r.output());
        }
        return r.output();
    }
}
