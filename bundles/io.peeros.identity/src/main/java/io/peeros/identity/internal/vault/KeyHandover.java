package io.peeros.identity.internal.vault;

import java.util.Optional;

/**
 * Passes the open vault's data key from a stopping vault to the next one in the same process (the bundle's next
 * revision after {@code bundle:update}), so the successor need not unseal it again or ask for the owner secret.
 */
interface KeyHandover {

    /** No handover: every vault opens by itself (tests, and outside OSGi). */
    KeyHandover NONE = new KeyHandover() {
        @Override
        public Optional<byte[]> take() {
            return Optional.empty();
        }

        @Override
        public void offer(byte[] dataKey) {
            // nobody to hand it to
        }
    };

    /** The key a predecessor offered, if one still stands; the caller owns (and wipes) the array. */
    Optional<byte[]> take();

    /** Offers a copy of {@code dataKey} for a short time; wiped when taken by a successor's copy, or expired. */
    void offer(byte[] dataKey);
}
