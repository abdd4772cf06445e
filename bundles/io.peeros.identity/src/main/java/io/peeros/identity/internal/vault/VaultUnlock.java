package io.peeros.identity.internal.vault;

import io.peeros.identity.api.IdentityException;
import io.peeros.identity.internal.AtomicFiles;
import io.peeros.identity.internal.Secrets;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import javax.crypto.AEADBadTagException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens an existing vault without a human where possible: first the copy of the data key sealed to this
 * machine, then the owner's secret from the environment. Whatever opened it, the sealed copy is refreshed
 * so the next reboot is unattended again.
 */
final class VaultUnlock {

    static final String OWNER_FILE = "vault.owner";
    static final String SEALED_FILE = "vault.sealed";
    static final String ENV_OWNER_SECRET = "PEEROS_OWNER_SECRET";
    private static final Logger LOG = LoggerFactory.getLogger(VaultUnlock.class);

    private final Path dir;
    private final SecretSources sources;
    private final Sealer sealer;

    VaultUnlock(Path dir, SecretSources sources, Sealer sealer) {
        this.dir = dir;
        this.sources = sources;
        this.sealer = sealer;
    }

    /** Whether {@code dataKey} is the key of the existing vault (checked against the owner file). */
    boolean opens(byte[] dataKey) {
        try {
            return OwnerKey.fromJson(Files.readAllBytes(dir.resolve(OWNER_FILE))).isKeyOf(dataKey);
        } catch (IOException e) {
            return false;
        }
    }

    /** The data key of the existing vault, or {@code VAULT_LOCKED} saying what to set. */
    byte[] open() throws IOException {
        Path ownerFile = dir.resolve(OWNER_FILE);
        OwnerKey owner;
        try {
            owner = OwnerKey.fromJson(Files.readAllBytes(ownerFile));
        } catch (IOException e) {
            throw new IdentityException("VAULT_LOCKED", "VAULT_LOCKED: " + ownerFile + " is unreadable or damaged ("
                    + e.getMessage() + "); restore it from a backup", e);
        }
        Optional<byte[]> unsealed = unseal(owner);
        if (unsealed.isPresent()) {
            return unsealed.get();
        }
        String sealedProblem = sealedProblem();
        List<String> tried = new ArrayList<>();
        for (String variable : List.of(ENV_OWNER_SECRET, InitialPassword.ENV)) {
            Optional<String> secret = sources.env(variable);
            if (secret.isEmpty()) {
                continue;
            }
            char[] chars = secret.get().toCharArray();
            try {
                byte[] dataKey = owner.unwrap(chars);
                LOG.info("Vault opened with the owner secret from {}", variable);
                seal(dataKey);
                return dataKey;
            } catch (AEADBadTagException e) {
                tried.add(variable);
            } finally {
                Secrets.wipe(chars);
            }
        }
        if (!tried.isEmpty()) {
            throw new IdentityException("VAULT_LOCKED", "VAULT_LOCKED: the owner secret does not open " + ownerFile
                    + " (tried " + String.join(", ", tried) + "). Set " + ENV_OWNER_SECRET
                    + " to the current password of user 'admin' and restart" + sealedProblem + ".");
        }
        throw new IdentityException("VAULT_LOCKED", "VAULT_LOCKED: cannot open " + ownerFile
                + " without the owner secret" + sealedProblem + ". Set " + ENV_OWNER_SECRET
                + " (or " + InitialPassword.ENV + ") to the current password of user 'admin' in the environment"
                + " of the PeerOS service and restart; the key is then sealed to this machine again.");
    }

    /** Seals a copy of {@code dataKey} to this machine if it can, and checks that it opens again. */
    void seal(byte[] dataKey) {
        if (!sealer.available()) {
            LOG.info("systemd-creds is not available: after a reboot the vault needs {} to open", ENV_OWNER_SECRET);
            return;
        }
        Path sealedFile = dir.resolve(SEALED_FILE);
        byte[] check = null;
        try {
            AtomicFiles.write(sealedFile, sealer.seal(dataKey));
            check = sealer.unseal(sealedFile);
            if (!Arrays.equals(check, dataKey)) {
                throw new IOException("the sealed copy does not open to the same key");
            }
            LOG.info("Vault key sealed to this machine in {}", sealedFile);
        } catch (IOException e) {
            LOG.warn("Could not seal the vault key to this machine ({}); after a reboot the vault needs {}",
                    e.getMessage(), ENV_OWNER_SECRET);
            try {
                AtomicFiles.delete(sealedFile);
            } catch (IOException ignored) {
                // Nothing more to do: a stale sealed file is rejected by its check on the next start.
            }
        } finally {
            Secrets.wipe(check);
        }
    }

    private Optional<byte[]> unseal(OwnerKey owner) {
        Path sealedFile = dir.resolve(SEALED_FILE);
        if (!Files.exists(sealedFile) || !sealer.available()) {
            return Optional.empty();
        }
        try {
            byte[] dataKey = sealer.unseal(sealedFile);
            if (owner.isKeyOf(dataKey)) {
                LOG.info("Vault opened with the key sealed to this machine");
                return Optional.of(dataKey);
            }
            Secrets.wipe(dataKey);
            LOG.warn("{} does not hold this vault's key; ignoring it", sealedFile);
        } catch (IOException e) {
            LOG.warn("Could not unseal {}: {}", sealedFile, e.getMessage());
        }
        return Optional.empty();
    }

    private String sealedProblem() {
        Path sealedFile = dir.resolve(SEALED_FILE);
        if (!Files.exists(sealedFile)) {
            return " (there is no key sealed to this machine: " + sealedFile + " is missing)";
        }
        if (!sealer.available()) {
            return " (" + sealedFile + " exists but systemd-creds is not installed)";
        }
        return " (" + sealedFile + " could not be unsealed on this machine; see the log)";
    }
}
