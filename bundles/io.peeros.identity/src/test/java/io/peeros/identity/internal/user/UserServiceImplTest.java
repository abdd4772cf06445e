package io.peeros.identity.internal.user;

import static org.hamcrest.CoreMatchers.containsString;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThat;
import static org.junit.Assert.assertTrue;

import io.peeros.identity.api.IdentityException;
import io.peeros.identity.api.Role;
import io.peeros.identity.api.User;
import io.peeros.identity.internal.Configs;
import io.peeros.identity.internal.FileModes;
import io.peeros.identity.internal.MutableClock;
import io.peeros.identity.internal.vault.KeyVault;
import io.peeros.identity.internal.vault.Sealer;
import io.peeros.identity.internal.vault.VaultFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class UserServiceImplTest {

    private static final char[] ALICE_PASSWORD = "alice-long-password".toCharArray();

    @Rule
    public TemporaryFolder folder = new TemporaryFolder();
    private Path dir;
    private KeyVault vault;
    private final MutableClock clock = MutableClock.now();
    private UserServiceImpl users;

    @Before
    public void setUp() {
        dir = folder.getRoot().toPath().resolve("identity");
        vault = VaultFixture.create(dir);
        users = new UserServiceImpl(vault, Configs.of(UserServiceImpl.Config.class), clock);
    }

    @Test
    public void ownerIsCreatedOnFirstStartWithTheInitialPassword() throws Exception {
        User admin = users.authenticate("admin", VaultFixture.ADMIN_PASSWORD.toCharArray()).orElseThrow();

        assertEquals(Role.ADMIN, admin.role());
        assertEquals("rw-------", FileModes.of(dir.resolve("users.json")));
        String json = Files.readString(dir.resolve("users.json"));
        assertFalse(json.contains(VaultFixture.ADMIN_PASSWORD));
        assertThat(json, containsString("$scrypt$ln=14,r=8,p=1$"));
    }

    @Test
    public void usersAreAddedListedPersistedAndRemoved() {
        users.add("alice", ALICE_PASSWORD, Role.OPERATOR);
        users.add("bob.b", "bob-long-password".toCharArray(), Role.VIEWER);

        UserServiceImpl restarted = new UserServiceImpl(vault, Configs.of(UserServiceImpl.Config.class), clock);
        assertEquals(List.of("admin", "alice", "bob.b"), restarted.list().stream().map(User::name).toList());
        assertEquals(Role.OPERATOR, restarted.find("alice").orElseThrow().role());
        assertTrue(restarted.authenticate("alice", ALICE_PASSWORD).isPresent());

        restarted.remove("alice");
        assertFalse(restarted.find("alice").isPresent());
        assertFalse(restarted.authenticate("alice", ALICE_PASSWORD).isPresent());
        assertEquals("USER_UNKNOWN", code(() -> restarted.remove("alice")));
    }

    @Test
    public void invalidNamesAreRefusedNamingTheRule() {
        for (String name : Arrays.asList("", "Alice", "1alice", "al ice", "alice!", "a".repeat(33), null)) {
            IdentityException e = fails(() -> users.add(name, ALICE_PASSWORD, Role.VIEWER));
            assertEquals(name, "USER_NAME_INVALID", e.code());
            assertThat(e.getMessage(), containsString("a lower-case letter first"));
        }
        users.add("a" + "b".repeat(31), ALICE_PASSWORD, Role.VIEWER);
    }

    @Test
    public void weakPasswordsAreRefusedSayingWhy() {
        IdentityException tooShort = fails(() -> users.add("alice", "elevenchars".toCharArray(), Role.VIEWER));
        assertEquals("PASSWORD_WEAK", tooShort.code());
        assertThat(tooShort.getMessage(), containsString("at least 12 characters"));

        IdentityException sameAsName = fails(() -> users.add("alice.longname", "alice.longname".toCharArray(), Role.VIEWER));
        assertEquals("PASSWORD_WEAK", sameAsName.code());
        assertThat(sameAsName.getMessage(), containsString("not be the user name"));

        users.add("alice", ALICE_PASSWORD, Role.VIEWER);
        assertEquals("PASSWORD_WEAK", code(() -> users.changePassword("alice", "short".toCharArray())));
    }

    @Test
    public void minimumPasswordLengthComesFromConfiguration() {
        users.modified(Configs.of(UserServiceImpl.Config.class, Map.of("minPasswordLength", 20)));

        assertEquals("PASSWORD_WEAK", code(() -> users.add("alice", ALICE_PASSWORD, Role.VIEWER)));
        users.add("alice", "twenty-chars-or-more!".toCharArray(), Role.VIEWER);
    }

    @Test
    public void duplicateAndUnknownUsersAreRefused() {
        users.add("alice", ALICE_PASSWORD, Role.VIEWER);

        assertEquals("USER_EXISTS", code(() -> users.add("alice", ALICE_PASSWORD, Role.ADMIN)));
        assertEquals("USER_EXISTS", code(() -> users.add("admin", ALICE_PASSWORD, Role.VIEWER)));
        assertEquals("USER_UNKNOWN", code(() -> users.changePassword("carol", ALICE_PASSWORD)));
    }

    @Test
    public void ownerCannotBeRemoved() {
        IdentityException e = fails(() -> users.remove("admin"));

        assertEquals("USER_IS_OWNER", e.code());
        assertEquals(Role.ADMIN, users.find("admin").orElseThrow().role());
    }

    @Test
    public void changedPasswordReplacesTheOldOneAndBumpsTheVersion() {
        users.add("alice", ALICE_PASSWORD, Role.VIEWER);
        long before = users.passwordVersion("alice").getAsLong();

        users.changePassword("alice", "alice-second-password".toCharArray());

        assertFalse(users.authenticate("alice", ALICE_PASSWORD).isPresent());
        assertTrue(users.authenticate("alice", "alice-second-password".toCharArray()).isPresent());
        assertTrue(users.passwordVersion("alice").getAsLong() > before);
    }

    @Test
    public void passwordVersionNeverRepeatsWhenANameIsReused() {
        users.add("alice", ALICE_PASSWORD, Role.VIEWER);
        long first = users.passwordVersion("alice").getAsLong();
        users.remove("alice");

        users.add("alice", ALICE_PASSWORD, Role.VIEWER);

        assertTrue(users.passwordVersion("alice").getAsLong() > first);
    }

    @Test
    public void ownerPasswordChangeRewrapsTheVault() {
        users.changePassword("admin", "owner-new-password".toCharArray());

        VaultFixture.open(dir, Map.of("PEEROS_OWNER_SECRET", "owner-new-password"), Sealer.NONE, VaultFixture.discard());
        IdentityException old = fails(() -> VaultFixture.open(dir, Map.of("PEEROS_OWNER_SECRET", VaultFixture.ADMIN_PASSWORD),
                Sealer.NONE, VaultFixture.discard()));
        assertEquals("VAULT_LOCKED", old.code());
    }

    @Test
    public void lostUsersFileRecreatesTheOwnerWithANewAnnouncedPassword() throws Exception {
        Files.delete(dir.resolve("users.json"));
        KeyVault reopened = VaultFixture.open(dir, Map.of("PEEROS_OWNER_SECRET", VaultFixture.ADMIN_PASSWORD),
                Sealer.NONE, VaultFixture.discard());

        UserServiceImpl recovered = new UserServiceImpl(reopened, Configs.of(UserServiceImpl.Config.class), clock);

        String announced = Files.readString(dir.resolve("initial-admin-password"));
        assertTrue(recovered.authenticate("admin", announced.toCharArray()).isPresent());
        VaultFixture.open(dir, Map.of("PEEROS_OWNER_SECRET", announced), Sealer.NONE, VaultFixture.discard());
    }

    @Test
    public void repeatedFailuresLockTheNameWithoutCheckingAndSuccessResets() {
        users.add("alice", ALICE_PASSWORD, Role.VIEWER);
        for (int i = 0; i < LoginThrottle.FREE_FAILURES; i++) {
            assertFalse(users.authenticate("alice", "wrong-password!".toCharArray()).isPresent());
        }

        assertFalse("locked: even the right password is refused", users.authenticate("alice", ALICE_PASSWORD).isPresent());
        assertTrue("other names are not affected", users.authenticate("admin", VaultFixture.ADMIN_PASSWORD.toCharArray()).isPresent());

        clock.advance(Duration.ofSeconds(1));
        assertTrue(users.authenticate("alice", ALICE_PASSWORD).isPresent());
        assertFalse(users.authenticate("alice", "wrong-password!".toCharArray()).isPresent());
        assertTrue("the success reset the count", users.authenticate("alice", ALICE_PASSWORD).isPresent());
    }

    @Test
    public void unknownUsersAreRefusedAndThrottledLikeKnownOnes() {
        for (int i = 0; i < LoginThrottle.FREE_FAILURES; i++) {
            assertFalse(users.authenticate("mallory", "any-password-at-all".toCharArray()).isPresent());
        }
        users.add("mallory", ALICE_PASSWORD, Role.VIEWER);

        assertFalse(users.authenticate("mallory", ALICE_PASSWORD).isPresent());
        assertFalse(users.authenticate(null, ALICE_PASSWORD).isPresent());
    }

    private static String code(Runnable action) {
        return fails(action).code();
    }

    private static IdentityException fails(Runnable action) {
        try {
            action.run();
        } catch (IdentityException e) {
            return e;
        }
        throw new AssertionError("no IdentityException");
    }
}
