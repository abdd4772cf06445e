package io.peeros.registry.internal;

import io.peeros.registry.api.RegistryException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;

/**
 * The one-time registration code: 80 random bits as 16 base32 characters (RFC 4648 alphabet, no padding),
 * shown in four groups of four. Entry is forgiving: case, dashes and spaces do not matter.
 */
public final class RegistrationCode {

    static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    private static final int BYTES = 10;
    private static final int CHARS = 16;

    private RegistrationCode() {
    }

    /** A fresh code, e.g. {@code K7QF-2MZD-XW4A-PL3T}. */
    public static String generate(SecureRandom random) {
        byte[] bits = new byte[BYTES];
        random.nextBytes(bits);
        StringBuilder out = new StringBuilder(CHARS + 3);
        int buffer = 0;
        int bitsInBuffer = 0;
        for (byte b : bits) {
            buffer = (buffer << 8) | (b & 0xff);
            bitsInBuffer += 8;
            while (bitsInBuffer >= 5) {
                bitsInBuffer -= 5;
                if (out.length() % 5 == 4) {
                    out.append('-');
                }
                out.append(ALPHABET.charAt((buffer >> bitsInBuffer) & 0x1f));
            }
        }
        return out.toString();
    }

    /**
     * The canonical form of a typed code (16 upper-case characters, no separators) as ASCII bytes, the
     * input keying material of the registration key.
     *
     * @throws RegistryException {@code CODE_WRONG} when it cannot be a code at all (no try is used up)
     */
    public static byte[] normalize(String typed) {
        if (typed == null) {
            throw malformed("no code was given");
        }
        StringBuilder code = new StringBuilder(CHARS);
        for (char c : typed.toCharArray()) {
            if (c == '-' || Character.isWhitespace(c)) {
                continue;
            }
            char u = Character.toUpperCase(c);
            if (ALPHABET.indexOf(u) < 0) {
                throw malformed("'" + c + "' cannot appear in a code (only letters A-Z and digits 2-7; "
                        + "0 and 1 never appear, you may mean O or I)");
            }
            code.append(u);
        }
        if (code.length() != CHARS) {
            throw malformed("it has " + code.length() + " letters and digits instead of " + CHARS);
        }
        return code.toString().getBytes(StandardCharsets.US_ASCII);
    }

    private static RegistryException malformed(String why) {
        return new RegistryException("CODE_WRONG",
                "That is not a registration code: " + why + ". A code looks like ABCD-EFGH-IJKL-MNOP. "
                        + "No try was used up.");
    }
}
