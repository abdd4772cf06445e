package io.peeros.identity.internal.vault;

import static org.hamcrest.CoreMatchers.containsString;
import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThat;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import io.peeros.identity.api.IdentityException;
import io.peeros.identity.internal.FileModes;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class KeyVaultTest {

    private static final String PASSWORD = "first-owner-password";
    private static final byte[] SECRET = "the token signing key, say".getBytes(StandardCharsets.UTF_8);

    @Rule
    public TemporaryFolder folder = new TemporaryFolder();
    private Path dir;
    private final ByteArrayOutputStream console = new ByteArrayOutputStream();

    @Before
    public void setUp() {
        dir = folder.getRoot().toPath().resolve("identity");
    }

    @Test
    public void firstStartWithAdminPasswordFromEnvironmentCreatesOwnerOnlyFiles() throws Exception {
        KeyVault vault = open(Map.of("PEEROS_ADMIN_PASSWORD", PASSWORD), Sealer.NONE);

        assertEquals("rwx------", FileModes.of(dir));
        assertEquals("rw-------", FileModes.of(dir.resolve("vault.owner")));
        assertFalse(Files.exists(dir.resolve("initial-admin-password")));
        assertEquals("nothing is printed when the password came from the environment", "", console.toString());
        assertArrayEquals(PASSWORD.toCharArray(), vault.claimOwnerPassword());
        assertFalse(new String(Files.readAllBytes(dir.resolve("vault.owner")), StandardCharsets.UTF_8).contains(PASSWORD));
    }

    @Test
    public void firstStartWithoutEnvironmentGeneratesPasswordShownOnceAndKeptInOwnerOnlyFile() throws Exception {
        KeyVault vault = open(Map.of(), Sealer.NONE);

        Path file = dir.resolve("initial-admin-password");
        String password = Files.readString(file);
        assertTrue(password, password.matches("[A-HJ-NP-Za-km-z2-9]{24}"));
        assertEquals("rw-------", FileModes.of(file));
        assertThat(console.toString(), containsString(password));
        assertArrayEquals(password.toCharArray(), vault.claimOwnerPassword());

        console.reset();
        KeyVault reopened = open(Map.of("PEEROS_OWNER_SECRET", password), Sealer.NONE);
        assertEquals("the password is shown only once", "", console.toString());
        VaultFixture.close(reopened);
    }

    @Test
    public void weakAdminPasswordFromEnvironmentIsRefused() {
        try {
            open(Map.of("PEEROS_ADMIN_PASSWORD", "short"), Sealer.NONE);
            fail();
        } catch (IdentityException e) {
            assertEquals("PASSWORD_WEAK", e.code());
            assertThat(e.getMessage(), containsString("PEEROS_ADMIN_PASSWORD"));
        }
    }

    @Test
    public void reopensWithOwnerSecretOrAdminPasswordFromEnvironment() {
        open(Map.of("PEEROS_ADMIN_PASSWORD", PASSWORD), Sealer.NONE).writeSecret("token.key", SECRET);

        assertArrayEquals(SECRET, open(Map.of("PEEROS_OWNER_SECRET", PASSWORD), Sealer.NONE).readSecret("token.key").get());
        assertArrayEquals(SECRET, open(Map.of("PEEROS_ADMIN_PASSWORD", PASSWORD), Sealer.NONE).readSecret("token.key").get());
        assertArrayEquals("a wrong PEEROS_OWNER_SECRET does not hide a right PEEROS_ADMIN_PASSWORD", SECRET,
                open(Map.of("PEEROS_OWNER_SECRET", "wrong-wrong-wrong", "PEEROS_ADMIN_PASSWORD", PASSWORD), Sealer.NONE)
                        .readSecret("token.key").get());
    }

    @Test
    public void wrongOwnerSecretIsVaultLocked() {
        open(Map.of("PEEROS_ADMIN_PASSWORD", PASSWORD), Sealer.NONE);

        IdentityException e = openFails(Map.of("PEEROS_OWNER_SECRET", "not-the-password"), Sealer.NONE);
        assertEquals("VAULT_LOCKED", e.code());
        assertThat(e.getMessage(), containsString("the owner secret does not open"));
        assertThat(e.getMessage(), containsString("PEEROS_OWNER_SECRET"));
    }

    @Test
    public void noSecretAtAllIsVaultLockedSayingWhatToSet() {
        open(Map.of("PEEROS_ADMIN_PASSWORD", PASSWORD), Sealer.NONE);

        IdentityException e = openFails(Map.of(), Sealer.NONE);
        assertEquals("VAULT_LOCKED", e.code());
        assertThat(e.getMessage(), containsString("Set PEEROS_OWNER_SECRET"));
        assertThat(e.getMessage(), containsString("vault.sealed is missing"));
    }

    @Test
    public void tamperedOwnerFileIsVaultLocked() throws Exception {
        open(Map.of("PEEROS_ADMIN_PASSWORD", PASSWORD), Sealer.NONE);
        Path owner = dir.resolve("vault.owner");
        String json = Files.readString(owner);
        String wrapped = json.replaceAll("(?s).*\"wrapped\" : \"([^\"]+)\".*", "$1");
        char flipped = wrapped.charAt(10) == 'A' ? 'B' : 'A';
        Files.writeString(owner, json.replace(wrapped, wrapped.substring(0, 10) + flipped + wrapped.substring(11)));

        assertEquals("VAULT_LOCKED", openFails(Map.of("PEEROS_OWNER_SECRET", PASSWORD), Sealer.NONE).code());

        Files.writeString(owner, "{ not json");
        IdentityException e = openFails(Map.of("PEEROS_OWNER_SECRET", PASSWORD), Sealer.NONE);
        assertEquals("VAULT_LOCKED", e.code());
        assertThat(e.getMessage(), containsString("unreadable or damaged"));
    }

    @Test
    public void secretFilesAreEncryptedOwnerOnlyAndBoundToTheirName() throws Exception {
        KeyVault vault = open(Map.of("PEEROS_ADMIN_PASSWORD", PASSWORD), Sealer.NONE);
        vault.writeSecret("token.key", SECRET);

        byte[] stored = Files.readAllBytes(dir.resolve("token.key"));
        assertFalse(FileModes.contains(stored, SECRET));
        assertEquals("rw-------", FileModes.of(dir.resolve("token.key")));
        assertArrayEquals(SECRET, vault.readSecret("token.key").get());
        assertFalse(vault.readSecret("absent.key").isPresent());

        Files.write(dir.resolve("peer.key"), stored);
        assertEquals("a ciphertext moved to another name does not open", "VAULT_TAMPERED", readFails(vault, "peer.key").code());

        stored[stored.length - 1] ^= 1;
        Files.write(dir.resolve("token.key"), stored);
        IdentityException e = readFails(vault, "token.key");
        assertEquals("VAULT_TAMPERED", e.code());
        assertThat(e.getMessage(), containsString("was modified"));
    }

    @Test
    public void rewrapMakesTheNewSecretOpenTheVaultAndTheOldOneFail() throws Exception {
        KeyVault vault = open(Map.of(), Sealer.NONE);
        String first = Files.readString(dir.resolve("initial-admin-password"));
        vault.writeSecret("token.key", SECRET);

        vault.rewrap("a-brand-new-password".toCharArray());

        assertFalse("the stale initial password file is removed", Files.exists(dir.resolve("initial-admin-password")));
        assertArrayEquals(SECRET, open(Map.of("PEEROS_OWNER_SECRET", "a-brand-new-password"), Sealer.NONE)
                .readSecret("token.key").get());
        assertEquals("VAULT_LOCKED", openFails(Map.of("PEEROS_OWNER_SECRET", first), Sealer.NONE).code());
    }

    @Test
    public void keySealedToThisMachineOpensTheVaultWithoutAnySecret() throws Exception {
        FakeSealer machine = new FakeSealer(0x5a);
        open(Map.of("PEEROS_ADMIN_PASSWORD", PASSWORD), machine).writeSecret("token.key", SECRET);
        assertEquals("rw-------", FileModes.of(dir.resolve("vault.sealed")));

        KeyVault reopened = open(Map.of(), machine);

        assertArrayEquals(SECRET, reopened.readSecret("token.key").get());
    }

    @Test
    public void keySealedOnAnotherMachineFallsBackToTheEnvironmentAndIsResealed() throws Exception {
        open(Map.of("PEEROS_ADMIN_PASSWORD", PASSWORD), new FakeSealer(0x11)).writeSecret("token.key", SECRET);
        FakeSealer otherMachine = new FakeSealer(0x22);

        IdentityException e = openFails(Map.of(), otherMachine);
        assertThat(e.getMessage(), containsString("could not be unsealed"));

        assertArrayEquals(SECRET, open(Map.of("PEEROS_OWNER_SECRET", PASSWORD), otherMachine).readSecret("token.key").get());
        assertArrayEquals("resealed for this machine", SECRET, open(Map.of(), otherMachine).readSecret("token.key").get());
    }

    @Test
    public void closedVaultRefusesToWork() {
        KeyVault vault = open(Map.of("PEEROS_ADMIN_PASSWORD", PASSWORD), Sealer.NONE);
        VaultFixture.close(vault);
        try {
            vault.writeSecret("token.key", SECRET);
            fail();
        } catch (IllegalStateException expected) {
            assertThat(expected.getMessage(), containsString("closed"));
        }
    }

    private KeyVault open(Map<String, String> env, Sealer sealer) {
        return VaultFixture.open(dir, env, sealer, new PrintStream(console, true, StandardCharsets.UTF_8));
    }

    private IdentityException openFails(Map<String, String> env, Sealer sealer) {
        try {
            open(env, sealer);
        } catch (IdentityException e) {
            return e;
        }
        throw new AssertionError("the vault opened");
    }

    private static IdentityException readFails(KeyVault vault, String name) {
        try {
            vault.readSecret(name);
        } catch (IdentityException e) {
            return e;
        }
        throw new AssertionError(name + " was read");
    }
}
