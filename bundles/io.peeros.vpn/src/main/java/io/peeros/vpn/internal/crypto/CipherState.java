package io.peeros.vpn.internal.crypto;

import java.nio.ByteBuffer;

/**
 * The Noise CipherState (specification revision 34, section 5.1): a key k, possibly empty, and a nonce n.
 * Used during the handshake; transport keys are handed to {@link TransportKeys} after Split().
 */
final class CipherState {

    /** 2^64-1 is reserved (section 5.1): n reaching it means the key is exhausted. */
    private static final long MAX_NONCE = -1L;

    private final Aead aead;
    private long n;

    CipherState(CipherSuite suite) {
        this.aead = new Aead(suite);
    }

    void initializeKey(byte[] key) {
        aead.setKey(key);
        n = 0;
    }

    boolean hasKey() {
        return aead.hasKey();
    }

    void setNonce(long nonce) {
        n = nonce;
    }

    /** EncryptWithAd: the plaintext itself when there is no key yet. */
    byte[] encryptWithAd(byte[] ad, byte[] plaintext) {
        if (!hasKey()) {
            return plaintext.clone();
        }
        if (n == MAX_NONCE) {
            throw new IllegalStateException("nonce exhausted");
        }
        byte[] out = new byte[plaintext.length + Aead.TAG_LENGTH];
        aead.seal(n, ad, 0, ad.length, ByteBuffer.wrap(plaintext), ByteBuffer.wrap(out));
        n++;
        return out;
    }

    /** DecryptWithAd: null when authentication fails (n is then left unchanged, as the spec requires). */
    byte[] decryptWithAd(byte[] ad, byte[] ciphertext) {
        if (!hasKey()) {
            return ciphertext.clone();
        }
        if (n == MAX_NONCE || ciphertext.length < Aead.TAG_LENGTH) {
            return null;
        }
        byte[] out = new byte[ciphertext.length - Aead.TAG_LENGTH];
        if (aead.open(n, ad, 0, ad.length, ByteBuffer.wrap(ciphertext), ByteBuffer.wrap(out)) < 0) {
            return null;
        }
        n++;
        return out;
    }

    void destroy() {
        aead.destroy();
    }
}
