package io.peeros.environment.internal.workflow;

import io.peeros.container.api.ExecRequest;
import io.peeros.container.api.ExecResult;
import io.peeros.container.api.testing.FakeContainerManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Plays a file-writing command for real: this machine's {@code /bin/sh} runs it in a scratch directory standing
 * for the container's root (its first argument, the path, is moved there), and what it wrote comes back into the
 * fake's maps of contents and permissions; the scratch directory is deleted.
 */
final class GuestShell {

    private GuestShell() {
    }

    static ExecResult play(ExecRequest request, Map<String, String> files, Map<String, String> modes) {
        try {
            Path root = Files.createTempDirectory("peeros-guest");
            try {
                List<String> argv = new ArrayList<>(request.command());
                argv.set(3, root + argv.get(3));
                ProcessBuilder builder = new ProcessBuilder(argv).redirectErrorStream(true);
                builder.environment().putAll(request.environment());
                Process p = builder.start();
                String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                int exit = p.waitFor();
                try (Stream<Path> written = Files.walk(root)) {
                    for (Path f : written.filter(f -> !f.equals(root)).toList()) {
                        String path = "/" + root.relativize(f);
                        modes.put(path, PosixFilePermissions.toString(Files.getPosixFilePermissions(f)));
                        if (Files.isRegularFile(f)) {
                            files.put(path, Files.readString(f, StandardCharsets.UTF_8));
                        }
                    }
                }
                return FakeContainerManager.result(exit, exit == 0 ? out : "", exit == 0 ? "" : out);
            } finally {
                try (Stream<Path> all = Files.walk(root)) {
                    all.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
