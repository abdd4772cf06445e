package io.peeros.identity.internal.vault;

import io.peeros.identity.api.IdentityException;
import io.peeros.identity.api.UserService;
import io.peeros.identity.internal.AtomicFiles;
import io.peeros.identity.internal.Secrets;
import io.peeros.identity.internal.user.PasswordPolicy;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The owner's first password: taken from {@code PEEROS_ADMIN_PASSWORD}, or generated, shown once on the
 * console and left in a root-only file so that a headless first start can still be completed.
 */
final class InitialPassword {

    static final String ENV = "PEEROS_ADMIN_PASSWORD";
    static final String FILE = "initial-admin-password";
    private static final Logger LOG = LoggerFactory.getLogger(InitialPassword.class);
    // No 0/O, 1/l/I: the password is read off a console and typed in by hand.
    private static final char[] ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789".toCharArray();
    private static final int LENGTH = 24;

    private final Path dir;
    private final SecretSources sources;
    private final PrintStream console;
    private final SecureRandom random = new SecureRandom();

    InitialPassword(Path dir, SecretSources sources, PrintStream console) {
        this.dir = dir;
        this.sources = sources;
        this.console = console;
    }

    /** A new owner password; the caller wipes it. */
    char[] obtain() {
        Optional<String> fromEnv = sources.env(ENV);
        if (fromEnv.isPresent()) {
            char[] password = fromEnv.get().toCharArray();
            Optional<String> weakness = PasswordPolicy.weakness(UserService.OWNER, password, PasswordPolicy.MIN_LENGTH);
            if (weakness.isPresent()) {
                Secrets.wipe(password);
                throw new IdentityException("PASSWORD_WEAK", ENV + " is too weak: " + weakness.get());
            }
            LOG.info("The password of user '{}' was taken from {}", UserService.OWNER, ENV);
            return password;
        }
        char[] password = generate();
        announce(password);
        return password;
    }

    /** Removes the stale copy once the owner has chosen a password of their own. */
    void forget() throws IOException {
        if (AtomicFiles.delete(dir.resolve(FILE))) {
            LOG.info("Removed {}: the password of user '{}' was changed", dir.resolve(FILE), UserService.OWNER);
        }
    }

    private char[] generate() {
        char[] password = new char[LENGTH];
        for (int i = 0; i < LENGTH; i++) {
            password[i] = ALPHABET[random.nextInt(ALPHABET.length)];
        }
        return password;
    }

    private void announce(char[] password) {
        Path file = dir.resolve(FILE);
        byte[] bytes = Secrets.utf8(password);
        try {
            AtomicFiles.write(file, bytes);
        } catch (IOException e) {
            throw new IdentityException("STATE_IO", "cannot write " + file + ": " + e.getMessage(), e);
        } finally {
            Secrets.wipe(bytes);
        }
        String rule = "=".repeat(72);
        console.println(rule);
        console.println(" PeerOS first start: the password of user '" + UserService.OWNER + "' is");
        console.println();
        console.print("     ");
        console.println(password);
        console.println();
        console.println(" It is shown only this once and kept, readable by root only, in");
        console.println(" " + file);
        console.println(" Change it now; the file is removed when you do.");
        console.println(rule);
        console.flush();
        LOG.info("Generated the initial password of user '{}' and wrote it to {}", UserService.OWNER, file);
    }
}
