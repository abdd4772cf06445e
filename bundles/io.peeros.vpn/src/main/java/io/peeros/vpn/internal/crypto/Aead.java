package io.peeros.vpn.internal.crypto;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;

/**
 * One AEAD key with its own reusable {@link Cipher}: ENCRYPT(k, n, ad, plaintext) and DECRYPT of the Noise
 * specification, ByteBuffer in and out. Not thread-safe; a transport session owns one per direction.
 */
final class Aead {

    static final int TAG_LENGTH = 16;
    static final int KEY_LENGTH = 32;

    private final CipherSuite suite;
    private final Cipher cipher;
    private final byte[] nonce = new byte[12];
    private RawKey key;
    /** The nonce of the last init; the JDK's ChaCha20 refuses the same key and nonce twice, even to decrypt. */
    private long lastNonce = -1;
    /**
     * Heap staging for direct buffers: JDK 17's AES-GCM intrinsics work on arrays, and with direct buffers its
     * ByteBuffer path costs about 50 % more per packet (measured with the data-plane prototype).
     */
    private byte[] stageIn = new byte[0];
    private byte[] stageOut = new byte[0];

    Aead(CipherSuite suite) {
        this.suite = suite;
        try {
            this.cipher = suite.newCipher();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(suite + " is missing from this JVM", e);
        }
    }

    CipherSuite suite() {
        return suite;
    }

    void setKey(byte[] k) {
        destroy();
        key = new RawKey(k, suite.keyAlgorithm());
        lastNonce = -1;
    }

    boolean hasKey() {
        return key != null;
    }

    /** A copy of the key bytes, for a handover; the caller zeroes it. */
    byte[] keyBytes() {
        if (key == null) {
            throw new IllegalStateException("no key");
        }
        return key.getEncoded();
    }

    /** Encrypts {@code plaintext} into {@code out} with nonce {@code n}; returns the bytes written. */
    int seal(long n, byte[] ad, int adOffset, int adLength, ByteBuffer plaintext, ByteBuffer out) {
        try {
            lastNonce = n;
            cipher.init(Cipher.ENCRYPT_MODE, key, suite.nonce(n, nonce));
            if (adLength > 0) {
                cipher.updateAAD(ad, adOffset, adLength);
            }
            return finish(plaintext, out);
        } catch (GeneralSecurityException e) {
            // Only reachable through a programming error (a reused nonce, a short output buffer).
            throw new IllegalStateException("AEAD encryption failed", e);
        }
    }

    /**
     * Decrypts {@code ciphertext} (tag included) into {@code out}; returns the plaintext length, or -1 when
     * authentication fails, in which case nothing observable was written.
     */
    int open(long n, byte[] ad, int adOffset, int adLength, ByteBuffer ciphertext, ByteBuffer out) {
        if (ciphertext.remaining() < TAG_LENGTH || out.remaining() < ciphertext.remaining() - TAG_LENGTH) {
            return -1;
        }
        int outStart = out.position();
        try {
            if (n == lastNonce) {
                // A forged packet under this counter came first: without this, the genuine one would be refused.
                cipher.init(Cipher.DECRYPT_MODE, key, suite.nonce(n ^ 1, nonce));
            }
            lastNonce = n;
            cipher.init(Cipher.DECRYPT_MODE, key, suite.nonce(n, nonce));
            if (adLength > 0) {
                cipher.updateAAD(ad, adOffset, adLength);
            }
            return finish(ciphertext, out);
        } catch (AEADBadTagException e) {
            out.position(outStart);
            return -1;
        } catch (GeneralSecurityException | RuntimeException e) {
            out.position(outStart);
            return -1;
        }
    }

    private int finish(ByteBuffer in, ByteBuffer out) throws GeneralSecurityException {
        if (!in.isDirect() && !out.isDirect()) {
            return cipher.doFinal(in, out);
        }
        int length = in.remaining();
        if (stageIn.length < length) {
            stageIn = new byte[Math.max(length, 2048)];
            stageOut = new byte[stageIn.length + TAG_LENGTH];
        }
        int start = in.position();
        in.get(stageIn, 0, length);
        int n;
        try {
            n = cipher.doFinal(stageIn, 0, length, stageOut, 0);
        } catch (GeneralSecurityException e) {
            in.position(start);
            throw e;
        }
        if (out.remaining() < n) {
            throw new javax.crypto.ShortBufferException("output " + out.remaining() + " < " + n);
        }
        out.put(stageOut, 0, n);
        return n;
    }

    /** Zeroes the key and leaves the cipher keyed with zeros, so no copy of the old key stays inside it. */
    void destroy() {
        java.util.Arrays.fill(stageIn, (byte) 0);
        java.util.Arrays.fill(stageOut, (byte) 0);
        if (key != null) {
            key.destroy();
            key = null;
            try {
                cipher.init(Cipher.DECRYPT_MODE, new RawKey(new byte[KEY_LENGTH], suite.keyAlgorithm()),
                        suite.nonce(0, nonce));
            } catch (GeneralSecurityException e) {
                // best effort only
            }
        }
    }
}
