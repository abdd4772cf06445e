package io.peeros.container.api;

import java.nio.charset.StandardCharsets;

/**
 * The outcome of a command run in a container: its exit code and what it wrote to stdout and stderr, kept
 * apart. Output beyond the manager's limit is cut and {@link #truncated()} says so. Immutable.
 */
public final class ExecResult {

    private final int exitCode;
    private final byte[] stdout;
    private final byte[] stderr;
    private final boolean truncated;

    public ExecResult(int exitCode, byte[] stdout, byte[] stderr, boolean truncated) {
        this.exitCode = exitCode;
        this.stdout = stdout.clone();
        this.stderr = stderr.clone();
        this.truncated = truncated;
    }

    /** The exit status; 128 + n when the command was killed by signal n, as a shell reports it. */
    public int exitCode() {
        return exitCode;
    }

    /** Stdout decoded as UTF-8. */
    public String stdout() {
        return new String(stdout, StandardCharsets.UTF_8);
    }

    /** Stderr decoded as UTF-8. */
    public String stderr() {
        return new String(stderr, StandardCharsets.UTF_8);
    }

    /** The raw stdout bytes. */
    public byte[] stdoutBytes() {
        return stdout.clone();
    }

    /** The raw stderr bytes. */
    public byte[] stderrBytes() {
        return stderr.clone();
    }

    /** Whether output was cut at the manager's limit. */
    public boolean truncated() {
        return truncated;
    }

    @Override
    public String toString() {
        return "exit " + exitCode + ", " + stdout.length + " bytes stdout, " + stderr.length + " bytes stderr"
                + (truncated ? " (truncated)" : "");
    }
}
