package io.peeros.identity.internal.vault;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.peeros.identity.internal.Secrets;
import java.io.IOException;
import java.security.SecureRandom;
import javax.crypto.AEADBadTagException;
import org.bouncycastle.crypto.generators.SCrypt;

/**
 * The content of {@code vault.owner}: the data key wrapped under a key derived from the owner's secret with
 * scrypt, plus a check value that proves a data key from elsewhere (the sealed copy) is the right one.
 *
 * @param version format version
 * @param kdf always "scrypt"
 * @param logN scrypt cost, N = 2^logN
 * @param r scrypt block size
 * @param p scrypt parallelism
 * @param salt 16 random bytes
 * @param wrapped the data key sealed with AES-GCM under the derived key
 * @param check an empty message sealed under the data key itself
 */
record OwnerKey(int version, String kdf, int logN, int r, int p, byte[] salt, byte[] wrapped, byte[] check) {

    static final String LABEL = "vault.owner";
    private static final String CHECK_LABEL = "vault.check";
    private static final int LOG_N = 15;
    private static final int R = 8;
    private static final int P = 1;
    private static final int SALT_BYTES = 16;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final ObjectMapper JSON = new ObjectMapper()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /** Wraps {@code dataKey} under {@code secret}. */
    static OwnerKey wrap(byte[] dataKey, char[] secret) {
        byte[] salt = new byte[SALT_BYTES];
        RANDOM.nextBytes(salt);
        byte[] kek = derive(secret, salt, LOG_N, R, P);
        try {
            return new OwnerKey(1, "scrypt", LOG_N, R, P, salt, Aead.seal(kek, dataKey, LABEL),
                    Aead.seal(dataKey, new byte[0], CHECK_LABEL));
        } finally {
            Secrets.wipe(kek);
        }
    }

    /** The data key; {@link AEADBadTagException} when {@code secret} is wrong or the file was altered. */
    byte[] unwrap(char[] secret) throws AEADBadTagException {
        byte[] kek = derive(secret, salt, logN, r, p);
        try {
            return Aead.open(kek, wrapped, LABEL);
        } finally {
            Secrets.wipe(kek);
        }
    }

    /** Whether {@code dataKey} is the key this file wraps. */
    boolean isKeyOf(byte[] dataKey) {
        try {
            Aead.open(dataKey, check, CHECK_LABEL);
            return true;
        } catch (AEADBadTagException e) {
            return false;
        }
    }

    byte[] toJson() throws IOException {
        return JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(this);
    }

    static OwnerKey fromJson(byte[] json) throws IOException {
        OwnerKey key = JSON.readValue(json, OwnerKey.class);
        if (!"scrypt".equals(key.kdf()) || key.salt() == null || key.wrapped() == null || key.check() == null
                || key.logN() < 10 || key.logN() > 22 || key.r() < 1 || key.p() < 1) {
            throw new IOException("unsupported or incomplete key parameters");
        }
        return key;
    }

    private static byte[] derive(char[] secret, byte[] salt, int logN, int r, int p) {
        byte[] password = Secrets.utf8(secret);
        try {
            return SCrypt.generate(password, salt, 1 << logN, r, p, Aead.KEY_BYTES);
        } finally {
            Secrets.wipe(password);
        }
    }
}
