package io.peeros.identity.internal.vault;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import io.peeros.identity.api.IdentityException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * The vault's data key passes from a stopping vault to its successor in the same process (a bundle update), so
 * the successor opens without unsealing and without the owner secret; a stale or foreign key is not used.
 */
public class KeyHandoverTest {

    private static final String PASSWORD = "first-owner-password";
    private static final byte[] SECRET = "token signing key".getBytes(StandardCharsets.UTF_8);

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    @Test
    public void theSuccessorOpensWithTheHandedOverKeyWithoutAnySecret() throws Exception {
        Path dir = tmp.getRoot().toPath().resolve("identity");
        MemoryHandover handover = new MemoryHandover();
        KeyVault first = new KeyVault(dir, env(Map.of("PEEROS_ADMIN_PASSWORD", PASSWORD)), Sealer.NONE,
                VaultFixture.discard(), handover);
        first.writeSecret("token.key", SECRET);

        first.deactivate();
        KeyVault second = new KeyVault(dir, env(Map.of()), Sealer.NONE, VaultFixture.discard(), handover);

        assertArrayEquals(SECRET, second.readSecret("token.key").get());
        assertThrows("the first vault is closed", IllegalStateException.class, () -> first.readSecret("token.key"));
        IdentityException locked = assertThrows(IdentityException.class,
                () -> new KeyVault(dir, env(Map.of()), Sealer.NONE, VaultFixture.discard(), handover));
        assertEquals("an offer is taken once", "VAULT_LOCKED", locked.code());
    }

    @Test
    public void aKeyThatDoesNotOpenTheVaultIsIgnored() throws Exception {
        Path dir = tmp.getRoot().toPath().resolve("identity");
        new KeyVault(dir, env(Map.of("PEEROS_ADMIN_PASSWORD", PASSWORD)), Sealer.NONE, VaultFixture.discard(),
                KeyHandover.NONE).close();
        MemoryHandover handover = new MemoryHandover();
        byte[] foreign = new byte[32];
        new SecureRandom().nextBytes(foreign);
        handover.offer(foreign);

        IdentityException e = assertThrows(IdentityException.class,
                () -> new KeyVault(dir, env(Map.of()), Sealer.NONE, VaultFixture.discard(), handover));
        assertEquals("VAULT_LOCKED", e.code());
    }

    @Test
    public void anOfferNobodyTakesIsWipedAndWithdrawn() throws Exception {
        byte[] key = {1, 2, 3};
        KeyOffer offer = new KeyOffer(key, 50);
        CountDownLatch withdrawn = new CountDownLatch(1);
        offer.start(withdrawn::countDown);

        assertTrue(withdrawn.await(5, TimeUnit.SECONDS));
        assertThrows(IllegalStateException.class, offer::get);
        assertArrayEquals("the offer holds a copy: the vault's own array is the vault's to wipe", new byte[] {1, 2, 3},
                key);
    }

    @Test
    public void anOfferIsTakenOnceAndWithdrawnAtOnce() throws Exception {
        KeyOffer offer = new KeyOffer(new byte[] {7, 7}, 60_000);
        CountDownLatch withdrawn = new CountDownLatch(1);
        offer.start(withdrawn::countDown);

        assertArrayEquals(new byte[] {7, 7}, offer.get());
        assertEquals(0, withdrawn.getCount());
        assertThrows(IllegalStateException.class, offer::get);
    }

    private static SecretSources env(Map<String, String> variables) {
        return name -> Optional.ofNullable(variables.get(name));
    }

    /** The handover without OSGi: one offer at a time. */
    private static final class MemoryHandover implements KeyHandover {
        private KeyOffer offer;

        @Override
        public Optional<byte[]> take() {
            try {
                return offer == null ? Optional.empty() : Optional.of(offer.get());
            } catch (IllegalStateException e) {
                return Optional.empty();
            }
        }

        @Override
        public void offer(byte[] dataKey) {
            offer = new KeyOffer(dataKey, 10_000);
            offer.start(() -> { });
        }
    }
}
