package io.peeros.identity.internal.vault;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Seals with {@code systemd-creds} (systemd 250 and later): TPM2 when present, otherwise the root-only host
 * key {@code /var/lib/systemd/credential.secret}. The secret goes through pipes only.
 */
public final class SystemdCredsSealer implements Sealer {

    static final String CREDENTIAL_NAME = "peeros-vault";
    private static final Logger LOG = LoggerFactory.getLogger(SystemdCredsSealer.class);
    private static final long TIMEOUT_SECONDS = 30;

    private final Optional<Path> binary;

    public SystemdCredsSealer() {
        this(find());
    }

    SystemdCredsSealer(Optional<Path> binary) {
        this.binary = binary;
    }

    @Override
    public boolean available() {
        return binary.isPresent();
    }

    @Override
    public byte[] seal(byte[] secret) throws IOException {
        return run(secret, "encrypt", "--with-key=auto", "--name=" + CREDENTIAL_NAME, "-", "-");
    }

    @Override
    public byte[] unseal(Path sealed) throws IOException {
        return run(new byte[0], "decrypt", "--name=" + CREDENTIAL_NAME, sealed.toString(), "-");
    }

    private byte[] run(byte[] input, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(binary.orElseThrow(() -> new IOException("systemd-creds is not installed")).toString());
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).start();
        try (OutputStream stdin = process.getOutputStream()) {
            stdin.write(input);
        }
        try {
            // The output is a few hundred bytes, far below the pipe buffer, so waiting before reading is safe.
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException("systemd-creds " + args[0] + " did not finish in " + TIMEOUT_SECONDS + " s");
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for systemd-creds", e);
        }
        byte[] output = process.getInputStream().readAllBytes();
        String errors = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (process.exitValue() != 0) {
            throw new IOException("systemd-creds " + args[0] + " failed (exit " + process.exitValue() + "): " + errors);
        }
        if (!errors.isEmpty()) {
            LOG.debug("systemd-creds {}: {}", args[0], errors);
        }
        return output;
    }

    private static Optional<Path> find() {
        String path = System.getenv("PATH");
        List<String> dirs = new ArrayList<>(List.of((path == null ? "" : path).split(File.pathSeparator)));
        dirs.addAll(List.of("/usr/bin", "/bin"));
        return dirs.stream().filter(dir -> !dir.isEmpty()).map(dir -> Path.of(dir, "systemd-creds"))
                .filter(Files::isExecutable).findFirst();
    }
}
