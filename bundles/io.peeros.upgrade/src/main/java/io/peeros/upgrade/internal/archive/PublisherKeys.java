package io.peeros.upgrade.internal.archive;

import io.peeros.upgrade.api.UpgradeException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Publisher keys: Ed25519 (JCA {@code Ed25519}, provided by the JDK and by BouncyCastle alike). A public key is
 * written {@code ed25519:<base64 of its X.509 SubjectPublicKeyInfo>}; its id is the SHA-256 of those DER bytes.
 */
public final class PublisherKeys {

    public static final String ALGORITHM = "Ed25519";
    private static final String PREFIX = "ed25519:";

    private PublisherKeys() {
    }

    /** The text form of a public key, as the peer's configuration lists trusted publishers. */
    public static String text(PublicKey key) {
        return PREFIX + Base64.getEncoder().encodeToString(key.getEncoded());
    }

    /** The id of a public key: SHA-256 hex of its DER encoding. */
    public static String id(PublicKey key) {
        return Hex.sha256(key.getEncoded());
    }

    /** Parses one public key in text form; {@code what} names where it came from for the error. */
    public static PublicKey parse(String text, String what) {
        String t = text.strip();
        if (!t.startsWith(PREFIX)) {
            throw new IllegalArgumentException(what + ": '" + t + "' is not an Ed25519 public key ("
                    + PREFIX + "<base64>)");
        }
        try {
            byte[] der = Base64.getDecoder().decode(t.substring(PREFIX.length()));
            return KeyFactory.getInstance(ALGORITHM).generatePublic(new X509EncodedKeySpec(der));
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            throw new IllegalArgumentException(what + ": '" + t + "' is not an Ed25519 public key: " + e.getMessage());
        }
    }

    /** Parses a list of public keys separated by commas or white space, by id. */
    public static Map<String, PublicKey> parseAll(String list, String what) {
        Map<String, PublicKey> keys = new LinkedHashMap<>();
        for (String item : list.split("[,\\s]+")) {
            if (!item.isBlank()) {
                PublicKey key = parse(item, what);
                keys.put(id(key), key);
            }
        }
        return keys;
    }

    public static byte[] sign(PrivateKey key, byte[] data) {
        try {
            Signature s = Signature.getInstance(ALGORITHM);
            s.initSign(key);
            s.update(data);
            return s.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign with the publisher key: " + e.getMessage(), e);
        }
    }

    /** Checks the signature; refuses with {@code BAD_SIGNATURE} naming the publisher. */
    public static void verify(PublicKey key, byte[] data, byte[] signature) {
        boolean ok;
        try {
            Signature s = Signature.getInstance(ALGORITHM);
            s.initVerify(key);
            s.update(data);
            ok = s.verify(signature);
        } catch (GeneralSecurityException | RuntimeException e) {
            ok = false;
        }
        if (!ok) {
            throw new UpgradeException(UpgradeException.BAD_SIGNATURE, "the archive's signature ("
                    + ArchiveLayout.SIGNATURE + ") is not publisher " + id(key) + "'s Ed25519 signature of "
                    + ArchiveLayout.MANIFEST + ": the manifest was altered or signed by another key");
        }
    }

    /** Decodes the base64 text of a signature entry. */
    public static byte[] decodeSignature(byte[] entry) {
        try {
            return Base64.getDecoder().decode(new String(entry, StandardCharsets.US_ASCII).strip());
        } catch (IllegalArgumentException e) {
            throw new UpgradeException(UpgradeException.BAD_SIGNATURE, ArchiveLayout.SIGNATURE
                    + " is not a base64 signature");
        }
    }
}
