package io.peeros.identity.internal.vault;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.fail;
import static org.junit.Assume.assumeTrue;

import io.peeros.identity.internal.FileModes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Map;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** Runs the real {@code systemd-creds}; skipped only where the binary is not installed. */
public class SystemdCredsSealerTest {

    @Rule
    public TemporaryFolder folder = new TemporaryFolder();
    private final SystemdCredsSealer sealer = new SystemdCredsSealer();

    @Before
    public void requireSystemdCreds() {
        assumeTrue("systemd-creds is not installed", sealer.available());
    }

    @Test
    public void sealsAndUnsealsThroughPipesOnly() throws Exception {
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        Path file = folder.getRoot().toPath().resolve("vault.sealed");

        byte[] sealed = sealer.seal(secret);
        Files.write(file, sealed);

        assertFalse(FileModes.contains(sealed, secret));
        assertArrayEquals(secret, sealer.unseal(file));
    }

    @Test
    public void alteredSealedFileFailsToUnseal() throws Exception {
        Path file = folder.getRoot().toPath().resolve("vault.sealed");
        byte[] sealed = sealer.seal("0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII));
        sealed[sealed.length / 2] = (byte) (sealed[sealed.length / 2] == 'A' ? 'B' : 'A');
        Files.write(file, sealed);
        try {
            sealer.unseal(file);
            fail("an altered credential was accepted");
        } catch (IOException expected) {
            // systemd-creds refuses it
        }
    }

    @Test
    public void vaultReopensAfterRestartWithoutAnySecret() throws Exception {
        Path dir = folder.getRoot().toPath().resolve("identity");
        KeyVault created = VaultFixture.open(dir, Map.of("PEEROS_ADMIN_PASSWORD", "first-owner-password"), sealer,
                VaultFixture.discard());
        created.writeSecret("token.key", "secret".getBytes(StandardCharsets.US_ASCII));
        assertEquals("rw-------", FileModes.of(dir.resolve("vault.sealed")));

        KeyVault reopened = VaultFixture.open(dir, Map.of(), sealer, VaultFixture.discard());

        assertArrayEquals("secret".getBytes(StandardCharsets.US_ASCII), reopened.readSecret("token.key").get());
    }
}
