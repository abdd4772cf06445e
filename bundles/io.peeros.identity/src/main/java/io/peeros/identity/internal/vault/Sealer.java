package io.peeros.identity.internal.vault;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Binds a secret to this machine (TPM2 or a root-only host key) so the vault opens after a reboot without a
 * human. Implementations must never write the secret anywhere in plain text.
 */
public interface Sealer {

    /** A sealer for machines that have none: unattended unlock then needs an environment variable. */
    Sealer NONE = new Sealer() {
        @Override
        public boolean available() {
            return false;
        }

        @Override
        public byte[] seal(byte[] secret) throws IOException {
            throw new IOException("no sealing mechanism on this machine");
        }

        @Override
        public byte[] unseal(Path sealed) throws IOException {
            throw new IOException("no sealing mechanism on this machine");
        }
    };

    /** Whether the mechanism is present on this machine. */
    boolean available();

    /** The sealed form of {@code secret}, to be stored by the caller. */
    byte[] seal(byte[] secret) throws IOException;

    /** The secret sealed in {@code sealed}; fails when the file was sealed on another machine or altered. */
    byte[] unseal(Path sealed) throws IOException;
}
