package io.peeros.environment.internal.workflow;

import io.peeros.container.api.ExecRequest;
import io.peeros.container.api.ExecResult;
import io.peeros.container.api.testing.FakeContainerManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
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
                return run(request, root, files, modes);
            } finally {
                try (Stream<Path> all = Files.walk(root)) {
                    all.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Runs {@code request} for real with this machine's {@code /bin/sh} (or whatever it names) in {@code root},
     * which stands for the container's root and is kept: a {@code sh -c script path …} command has its path (an
     * absolute first argument) moved under {@code root}, the working directory is {@code root} and {@code HOME}
     * is {@code root/root} (root's home in the container). Everything then under {@code root} comes back into the
     * maps of contents and permissions, by its path in the container. Commands that name other absolute paths
     * would touch this machine: only give it commands that do not.
     */
    static ExecResult run(ExecRequest request, Path root, Map<String, String> files, Map<String, String> modes) {
        try {
            List<String> argv = new ArrayList<>(request.command());
            if (argv.size() > 3 && argv.get(0).matches("(/bin/)?sh") && argv.get(1).equals("-c")
                    && argv.get(3).startsWith("/")) {
                argv.set(3, root + argv.get(3));
            }
            Path home = Files.createDirectories(root.resolve("root"));
            ProcessBuilder builder = new ProcessBuilder(argv).directory(root.toFile()).redirectErrorStream(true);
            builder.environment().put("HOME", home.toString());
            builder.environment().putAll(request.environment());
            Process p = builder.start();
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(request.timeout().toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                return FakeContainerManager.result(124, "", out + "\ntimed out");
            }
            int exit = p.exitValue();
            try (Stream<Path> written = Files.walk(root)) {
                for (Path f : written.filter(f -> !f.equals(root)).toList()) {
                    String path = "/" + root.relativize(f);
                    modes.put(path, PosixFilePermissions.toString(Files.getPosixFilePermissions(f)));
                    if (Files.isRegularFile(f)) {
                        try {
                            files.put(path, Files.readString(f, StandardCharsets.UTF_8));
                        } catch (CharacterCodingException binary) {
                            files.remove(path);
                        }
                    }
                }
            }
            return FakeContainerManager.result(exit, exit == 0 ? out : "", exit == 0 ? "" : out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
