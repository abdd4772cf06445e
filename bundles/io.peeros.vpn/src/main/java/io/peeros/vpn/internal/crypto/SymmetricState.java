package io.peeros.vpn.internal.crypto;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The Noise SymmetricState (revision 34, section 5.2) with HASH = SHA-256 and HKDF built from HMAC-SHA256
 * (section 4.3).
 */
final class SymmetricState {

    static final int HASH_LENGTH = 32;

    private final CipherSuite suite;
    private final CipherState cipherState;
    private final MessageDigest sha256;
    private final Mac hmac;
    private byte[] ck;
    private byte[] h;

    SymmetricState(CipherSuite suite) {
        this.suite = suite;
        this.cipherState = new CipherState(suite);
        try {
            this.sha256 = MessageDigest.getInstance("SHA-256");
            this.hmac = Mac.getInstance("HmacSHA256");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** InitializeSymmetric(protocol_name). */
    void initialize(String protocolName) {
        byte[] name = protocolName.getBytes(StandardCharsets.US_ASCII);
        h = name.length <= HASH_LENGTH ? Arrays.copyOf(name, HASH_LENGTH) : sha256.digest(name);
        ck = h.clone();
    }

    /** Chaining key and hash before the first MixKey, for a handover; null once a cipher key exists. */
    byte[][] exportUnkeyed() {
        return hasKey() ? null : new byte[][] {ck.clone(), h.clone()};
    }

    /** Takes over {@link #exportUnkeyed()}. */
    void restoreUnkeyed(byte[] chainingKey, byte[] hash) {
        if (chainingKey.length != HASH_LENGTH || hash.length != HASH_LENGTH) {
            throw new IllegalArgumentException("chaining key or hash of the wrong length");
        }
        ck = chainingKey.clone();
        h = hash.clone();
    }

    void mixKey(byte[] inputKeyMaterial) {
        byte[][] out = hkdf(ck, inputKeyMaterial);
        ck = out[0];
        cipherState.initializeKey(out[1]);
        Arrays.fill(out[1], (byte) 0);
    }

    void mixHash(byte[] data) {
        sha256.update(h);
        sha256.update(data);
        h = sha256.digest();
    }

    byte[] handshakeHash() {
        return h.clone();
    }

    boolean hasKey() {
        return cipherState.hasKey();
    }

    byte[] encryptAndHash(byte[] plaintext) {
        byte[] ciphertext = cipherState.encryptWithAd(h, plaintext);
        mixHash(ciphertext);
        return ciphertext;
    }

    /** DecryptAndHash; null when authentication fails. */
    byte[] decryptAndHash(byte[] ciphertext) {
        byte[] plaintext = cipherState.decryptWithAd(h, ciphertext);
        if (plaintext != null) {
            mixHash(ciphertext);
        }
        return plaintext;
    }

    /** Split(): the two transport keys, initiator-to-responder first. Wipes the chaining key. */
    byte[][] split() {
        byte[][] keys = hkdf(ck, new byte[0]);
        destroy();
        return keys;
    }

    CipherSuite suite() {
        return suite;
    }

    void destroy() {
        if (ck != null) {
            Arrays.fill(ck, (byte) 0);
        }
        cipherState.destroy();
    }

    /** HKDF(chaining_key, input_key_material, 2) of section 4.3. */
    private byte[][] hkdf(byte[] chainingKey, byte[] inputKeyMaterial) {
        byte[] tempKey = hmac(chainingKey, inputKeyMaterial);
        byte[] output1 = hmac(tempKey, new byte[] {1});
        byte[] input2 = Arrays.copyOf(output1, HASH_LENGTH + 1);
        input2[HASH_LENGTH] = 2;
        byte[] output2 = hmac(tempKey, input2);
        Arrays.fill(tempKey, (byte) 0);
        Arrays.fill(input2, (byte) 0);
        return new byte[][] {output1, output2};
    }

    private byte[] hmac(byte[] key, byte[] data) {
        try {
            hmac.init(new SecretKeySpec(key, "HmacSHA256"));
            return hmac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 failed", e);
        }
    }
}
