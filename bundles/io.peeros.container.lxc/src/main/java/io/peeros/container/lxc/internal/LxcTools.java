package io.peeros.container.lxc.internal;

import io.peeros.container.api.ContainerException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeoutException;

/**
 * The LXC command-line tools the manager runs as processes: {@code lxc-start} (liblxc's start would make
 * the JVM itself the container's monitor), {@code lxc-copy} (liblxc's clone forks the JVM) and {@code cp}.
 * A failure becomes a {@link ContainerException} that quotes the tool.
 */
final class LxcTools {

    private static final long COPY_TIMEOUT_MILLIS = 30 * 60 * 1000L;
    private static final int TOOL_OUTPUT = 64 * 1024;

    private final ProcessRunner runner;

    LxcTools(ProcessRunner runner) {
        this.runner = runner;
    }

    /** Starts the container daemonized; {@code lxc-start -d} returns once it is RUNNING or failed. */
    void start(ManagerSettings s, ContainerFiles files, String name) {
        String log = files.dir(name).resolve("lxc.log").toString();
        ProcessRunner.Outcome o = run(List.of("lxc-start", "-n", name, "-P", s.lxcPath().toString(), "-d", "-o", log,
                "-l", "ERROR"), s.startTimeout().toMillis());
        if (o.exitCode() != 0) {
            throw new ContainerException(ContainerException.LXC_FAILURE, "container " + name + " failed to start: "
                    + o.stderrText() + "\n" + files.logTail(name));
        }
    }

    /** Makes {@code name} an overlay snapshot of the stopped container {@code source}. */
    void snapshot(ManagerSettings s, String source, String name) {
        check(List.of("lxc-copy", "-n", source, "-P", s.lxcPath().toString(), "-N", name, "-s", "-B", "overlay"),
                "clone " + source + " to " + name);
    }

    /** Copies a directory tree with owners, modes, links and device nodes. */
    void copyTree(Path from, Path to, String what) {
        check(List.of("cp", "-a", "--", from.toString(), to.toString()), what);
    }

    private void check(List<String> argv, String what) {
        ProcessRunner.Outcome o = run(argv, COPY_TIMEOUT_MILLIS);
        if (o.exitCode() != 0) {
            throw new ContainerException(ContainerException.LXC_FAILURE, "could not " + what + ": " + argv.get(0)
                    + " exited with " + o.exitCode() + ": " + o.stderrText());
        }
    }

    private ProcessRunner.Outcome run(List<String> argv, long timeoutMillis) {
        try {
            return runner.run(argv, timeoutMillis, TOOL_OUTPUT);
        } catch (TimeoutException e) {
            throw new ContainerException(ContainerException.TIMEOUT, argv.get(0) + " took longer than "
                    + timeoutMillis / 1000 + " s and was killed");
        } catch (IOException e) {
            throw new ContainerException(ContainerException.LXC_FAILURE, "could not run " + argv.get(0) + ": "
                    + e.getMessage(), e);
        }
    }
}
