package io.peeros.identity.internal.user;

import io.peeros.identity.internal.Secrets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.crypto.generators.SCrypt;

/**
 * scrypt password hashes, encoded with their parameters ({@code $scrypt$ln=14,r=8,p=1$salt$hash}) so that
 * stronger parameters can be introduced later without invalidating stored hashes.
 */
final class PasswordHasher {

    private static final int LOG_N = 14;
    private static final int R = 8;
    private static final int P = 1;
    private static final int SALT_BYTES = 16;
    private static final int HASH_BYTES = 32;
    private static final Pattern ENCODED =
            Pattern.compile("\\$scrypt\\$ln=(\\d{1,2}),r=(\\d{1,2}),p=(\\d{1,2})\\$([A-Za-z0-9+/]+)\\$([A-Za-z0-9+/]+)");
    private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();

    private final SecureRandom random = new SecureRandom();

    String hash(char[] password) {
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        byte[] hash = scrypt(password, salt, LOG_N, R, P, HASH_BYTES);
        return "$scrypt$ln=" + LOG_N + ",r=" + R + ",p=" + P + "$" + B64.encodeToString(salt) + "$"
                + B64.encodeToString(hash);
    }

    /** Whether {@code password} matches {@code encoded}, compared in constant time. */
    boolean verify(char[] password, String encoded) {
        Matcher m = ENCODED.matcher(encoded == null ? "" : encoded);
        if (!m.matches()) {
            return false;
        }
        int logN = Integer.parseInt(m.group(1));
        if (logN < 10 || logN > 20) {
            return false;
        }
        byte[] expected = Base64.getDecoder().decode(m.group(5));
        byte[] actual = scrypt(password, Base64.getDecoder().decode(m.group(4)), logN,
                Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)), expected.length);
        return MessageDigest.isEqual(expected, actual);
    }

    private static byte[] scrypt(char[] password, byte[] salt, int logN, int r, int p, int length) {
        byte[] bytes = Secrets.utf8(password);
        try {
            return SCrypt.generate(bytes, salt, 1 << logN, r, p, length);
        } finally {
            Secrets.wipe(bytes);
        }
    }
}
