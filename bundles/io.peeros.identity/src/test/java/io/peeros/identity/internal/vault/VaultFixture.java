package io.peeros.identity.internal.vault;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/** Creates vaults for tests in other packages, with a controlled environment and no sealing. */
public final class VaultFixture {

    public static final String ADMIN_PASSWORD = "correct-horse-battery";

    private VaultFixture() {
    }

    /** A new or reopened vault whose owner password is {@link #ADMIN_PASSWORD}. */
    public static KeyVault create(Path dir) {
        return open(dir, Map.of(InitialPassword.ENV, ADMIN_PASSWORD), Sealer.NONE, discard());
    }

    public static KeyVault open(Path dir, Map<String, String> env, Sealer sealer, PrintStream console) {
        return new KeyVault(dir, name -> Optional.ofNullable(env.get(name)), sealer, console);
    }

    public static void close(KeyVault vault) {
        vault.close();
    }

    public static PrintStream discard() {
        return new PrintStream(OutputStream.nullOutputStream());
    }
}
