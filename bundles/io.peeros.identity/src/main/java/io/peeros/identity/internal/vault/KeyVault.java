package io.peeros.identity.internal.vault;

import io.peeros.identity.api.IdentityException;
import io.peeros.identity.internal.AtomicFiles;
import io.peeros.identity.internal.Secrets;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Optional;
import javax.crypto.AEADBadTagException;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The identity state directory and the key that encrypts its secrets at rest. A random data key encrypts
 * each secret file with AES-256-GCM; the data key is kept wrapped under the owner's password (scrypt) in
 * {@code vault.owner} and, where the machine allows, sealed to the machine in {@code vault.sealed}.
 */
@Component(name = KeyVault.PID, service = KeyVault.class)
@Designate(ocd = KeyVault.Config.class)
public final class KeyVault {

    public static final String PID = "io.peeros.identity.Vault";
    private static final Logger LOG = LoggerFactory.getLogger(KeyVault.class);
    private static final byte[] MAGIC = "PVS1".getBytes(StandardCharsets.US_ASCII);

    @ObjectClassDefinition(name = "PeerOS identity vault", description = "Where the peer keeps its keys, users and trust")
    public @interface Config {
        @AttributeDefinition(name = "State directory",
                description = "Directory of the identity state; empty means ${karaf.data}/peeros/identity")
        String stateDir() default "";
    }

    private final Path dir;
    private final InitialPassword initialPassword;
    private final KeyHandover handover;
    private final byte[] dataKey;
    private char[] pendingOwnerPassword;
    private volatile boolean closed;

    @Activate
    public KeyVault(Config config, BundleContext context) {
        this(stateDir(config.stateDir()), SecretSources.system(), new SystemdCredsSealer(), System.out,
                new ServiceKeyHandover(context));
    }

    /** Outside OSGi (other bundles' tests): as a running peer opens it, with no handover. */
    public KeyVault(Config config) {
        this(stateDir(config.stateDir()), SecretSources.system(), new SystemdCredsSealer(), System.out,
                KeyHandover.NONE);
    }

    KeyVault(Path dir, SecretSources sources, Sealer sealer, PrintStream console) {
        this(dir, sources, sealer, console, KeyHandover.NONE);
    }

    KeyVault(Path dir, SecretSources sources, Sealer sealer, PrintStream console, KeyHandover handover) {
        this.dir = dir;
        this.handover = handover;
        this.initialPassword = new InitialPassword(dir, sources, console);
        VaultUnlock unlock = new VaultUnlock(dir, sources, sealer);
        try {
            AtomicFiles.privateDirectory(dir);
            AtomicFiles.removeLeftovers(dir);
            if (Files.exists(dir.resolve(VaultUnlock.OWNER_FILE))) {
                Optional<byte[]> handed = handedOver(unlock);
                dataKey = handed.isPresent() ? handed.get() : unlock.open();
            } else {
                dataKey = create(unlock);
            }
        } catch (IOException e) {
            throw new IdentityException("STATE_IO", "cannot use the state directory " + dir + ": " + e.getMessage(), e);
        }
    }

    /** The directory of the identity state files. */
    public Path stateDir() {
        return dir;
    }

    /** Reads and decrypts the secret file {@code name}; empty when it does not exist. */
    public Optional<byte[]> readSecret(String name) {
        Path file = dir.resolve(name);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            byte[] content = Files.readAllBytes(file);
            if (content.length < MAGIC.length || !Arrays.equals(MAGIC, Arrays.copyOf(content, MAGIC.length))) {
                throw tampered(file, null);
            }
            return Optional.of(Aead.open(key(), Arrays.copyOfRange(content, MAGIC.length, content.length), name));
        } catch (AEADBadTagException e) {
            throw tampered(file, e);
        } catch (IOException e) {
            throw new IdentityException("STATE_IO", "cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** Encrypts {@code plaintext} into the secret file {@code name}, bound to that name. */
    public void writeSecret(String name, byte[] plaintext) {
        byte[] sealed = Aead.seal(key(), plaintext, name);
        Path file = dir.resolve(name);
        try {
            AtomicFiles.write(file, ByteBuffer.allocate(MAGIC.length + sealed.length).put(MAGIC).put(sealed).array());
        } catch (IOException e) {
            throw new IdentityException("STATE_IO", "cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /** Wraps the data key under the owner's new password; called when user 'admin' changes password. */
    public synchronized void rewrap(char[] newOwnerSecret) {
        try {
            AtomicFiles.write(dir.resolve(VaultUnlock.OWNER_FILE), OwnerKey.wrap(key(), newOwnerSecret).toJson());
            initialPassword.forget();
        } catch (IOException e) {
            throw new IdentityException("STATE_IO", "cannot rewrap the vault key: " + e.getMessage(), e);
        }
        LOG.info("Vault key wrapped under the new owner password");
    }

    /**
     * The owner's password for creating the owner account: the one chosen when this vault was created, or
     * else (the users file was lost) a new one, announced like the first and wrapping the vault from now on.
     * The caller wipes it.
     */
    public synchronized char[] claimOwnerPassword() {
        if (pendingOwnerPassword != null) {
            char[] password = pendingOwnerPassword;
            pendingOwnerPassword = null;
            return password;
        }
        char[] password = initialPassword.obtain();
        try {
            AtomicFiles.write(dir.resolve(VaultUnlock.OWNER_FILE), OwnerKey.wrap(key(), password).toJson());
        } catch (IOException e) {
            Secrets.wipe(password);
            throw new IdentityException("STATE_IO", "cannot rewrap the vault key: " + e.getMessage(), e);
        }
        return password;
    }

    /**
     * Offers the data key to the next revision of this bundle (see {@link ServiceKeyHandover}): after
     * {@code bundle:update} the new vault opens at once, without unsealing and without the owner secret, which a
     * running peer's environment may no longer hold. Then wipes it here.
     */
    @Deactivate
    synchronized void deactivate() {
        if (!closed) {
            handover.offer(dataKey);
        }
        close();
    }

    synchronized void close() {
        closed = true;
        Secrets.wipe(dataKey);
        Secrets.wipe(pendingOwnerPassword);
        pendingOwnerPassword = null;
    }

    /** The key the previous revision handed over, if there is one and it opens this vault. */
    private Optional<byte[]> handedOver(VaultUnlock unlock) {
        Optional<byte[]> key = handover.take();
        if (key.isPresent() && !unlock.opens(key.get())) {
            Secrets.wipe(key.get());
            LOG.warn("The key handed over by the previous revision does not open the vault in {}; ignoring it", dir);
            return Optional.empty();
        }
        key.ifPresent(k -> LOG.info("Vault opened with the key handed over by the previous revision"));
        return key;
    }

    private byte[] create(VaultUnlock unlock) throws IOException {
        byte[] key = new byte[Aead.KEY_BYTES];
        new SecureRandom().nextBytes(key);
        char[] password = initialPassword.obtain();
        AtomicFiles.write(dir.resolve(VaultUnlock.OWNER_FILE), OwnerKey.wrap(key, password).toJson());
        pendingOwnerPassword = password;
        unlock.seal(key);
        LOG.info("Created the identity vault in {}", dir);
        return key;
    }

    private byte[] key() {
        if (closed) {
            throw new IllegalStateException("the identity vault is closed");
        }
        return dataKey;
    }

    private static IdentityException tampered(Path file, Throwable cause) {
        return new IdentityException("VAULT_TAMPERED", file + " does not decrypt with this vault's key: it was"
                + " modified or belongs to another vault; restore it from a backup", cause);
    }

    static Path stateDir(String configured) {
        if (!configured.isBlank()) {
            return Path.of(configured);
        }
        return Path.of(System.getProperty("karaf.data", "./data"), "peeros", "identity");
    }
}
