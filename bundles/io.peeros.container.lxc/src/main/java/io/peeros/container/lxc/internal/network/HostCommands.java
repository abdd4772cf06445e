package io.peeros.container.lxc.internal.network;

import io.peeros.container.api.ContainerException;
import io.peeros.container.lxc.internal.ProcessRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;

/**
 * The host tools the network is set up with: {@code ip} (iproute2) and {@code nft} (nftables). Both are
 * looked up at activation, so a missing package is reported once and clearly. A failure becomes a
 * {@link ContainerException#NETWORK_FAILURE} that quotes the command and what it printed.
 */
final class HostCommands {

    private static final long TIMEOUT_MILLIS = 10_000;
    private static final int OUTPUT = 1 << 20;
    private static final List<String> DIRS = List.of("/usr/sbin", "/sbin", "/usr/bin", "/bin");

    private final ProcessRunner runner;
    private final String ip;
    private final String nft;
    private final String nsenter;

    HostCommands(ProcessRunner runner) {
        this.runner = runner;
        this.ip = find("ip", "iproute2");
        this.nft = find("nft", "nftables");
        this.nsenter = find("nsenter", "util-linux");
    }

    private static String find(String tool, String debianPackage) {
        return DIRS.stream().map(d -> Path.of(d, tool)).filter(Files::isExecutable).findFirst()
                .map(Path::toString).orElseThrow(() -> new ContainerException(ContainerException.NETWORK_FAILURE,
                        tool + " not found in " + DIRS + ": install the " + debianPackage + " package"));
    }

    /** Runs {@code ip args} and returns its stdout; fails unless it exits with 0. */
    String ip(String... args) {
        return check(ip, args);
    }

    /**
     * Runs {@code ip args} in the network namespace of process {@code pid} (the host's {@code ip}, entered with
     * {@code nsenter}) and returns its stdout; fails unless it exits with 0.
     */
    String ipIn(int pid, String... args) {
        List<String> argv = new ArrayList<>(List.of("-t", Integer.toString(pid), "-n", ip));
        argv.addAll(List.of(args));
        return check(nsenter, argv.toArray(String[]::new));
    }

    /** Runs {@code nft args} and returns its stdout; fails unless it exits with 0. */
    String nft(String... args) {
        return check(nft, args);
    }

    /** Whether {@code nft args} exits with 0; for questions such as "does the table exist". */
    boolean nftSucceeds(String... args) {
        return run(nft, args).exitCode() == 0;
    }

    private String check(String tool, String... args) {
        ProcessRunner.Outcome o = run(tool, args);
        if (o.exitCode() != 0) {
            throw new ContainerException(ContainerException.NETWORK_FAILURE, "'" + line(tool, args) + "' exited with "
                    + o.exitCode() + ": " + o.stderrText());
        }
        return o.stdoutText();
    }

    private ProcessRunner.Outcome run(String tool, String... args) {
        List<String> argv = new ArrayList<>(List.of(tool));
        argv.addAll(List.of(args));
        try {
            return runner.run(argv, TIMEOUT_MILLIS, OUTPUT);
        } catch (TimeoutException e) {
            throw new ContainerException(ContainerException.NETWORK_FAILURE, "'" + line(tool, args)
                    + "' did not finish in " + TIMEOUT_MILLIS / 1000 + " s and was killed");
        } catch (IOException e) {
            throw new ContainerException(ContainerException.NETWORK_FAILURE, "could not run '" + line(tool, args)
                    + "': " + e.getMessage(), e);
        }
    }

    private static String line(String tool, String... args) {
        return tool + " " + String.join(" ", args);
    }
}
