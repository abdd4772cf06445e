package io.peeros.upgrade.internal.archive;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import javax.crypto.Cipher;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The publisher's private key file: PKCS#8, encrypted with AES-256-GCM under a key derived from a passphrase
 * (PBKDF2-HMAC-SHA256, 310 000 rounds), written 0600. It never goes near a peer.
 */
public final class PrivateKeyFile {

    private static final String HEADER = "-----BEGIN PEEROS PUBLISHER KEY-----";
    private static final String FOOTER = "-----END PEEROS PUBLISHER KEY-----";
    private static final int ROUNDS = 310_000;

    private PrivateKeyFile() {
    }

    public static void write(PrivateKey key, Path file, char[] passphrase) throws IOException {
        byte[] salt = random(16);
        byte[] iv = random(12);
        byte[] sealed;
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, derive(passphrase, salt), new GCMParameterSpec(128, iv));
            sealed = cipher.doFinal(key.getEncoded());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot encrypt the key: " + e.getMessage(), e);
        }
        Base64.Encoder b64 = Base64.getEncoder();
        String text = HEADER + "\nKDF: PBKDF2WithHmacSHA256 " + ROUNDS + "\nSalt: " + b64.encodeToString(salt)
                + "\nIV: " + b64.encodeToString(iv) + "\nKey: " + b64.encodeToString(sealed) + "\n" + FOOTER + "\n";
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(tmp, text);
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    public static PrivateKey read(Path file, char[] passphrase) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.US_ASCII);
        if (lines.size() != 6 || !lines.get(0).equals(HEADER) || !lines.get(5).equals(FOOTER)
                || !lines.get(1).startsWith("KDF: PBKDF2WithHmacSHA256 ")) {
            throw new IOException(file + " is not a PeerOS publisher key file");
        }
        try {
            Base64.Decoder b64 = Base64.getDecoder();
            byte[] salt = b64.decode(value(lines.get(2), "Salt"));
            byte[] iv = b64.decode(value(lines.get(3), "IV"));
            byte[] sealed = b64.decode(value(lines.get(4), "Key"));
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, derive(passphrase, salt), new GCMParameterSpec(128, iv));
            byte[] pkcs8 = cipher.doFinal(sealed);
            return KeyFactory.getInstance(PublisherKeys.ALGORITHM).generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
        } catch (javax.crypto.AEADBadTagException e) {
            throw new IOException("wrong passphrase for " + file);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IOException(file + " cannot be read: " + e.getMessage());
        }
    }

    private static String value(String line, String name) throws IOException {
        if (!line.startsWith(name + ": ")) {
            throw new IOException("expected '" + name + ": ' in the key file");
        }
        return line.substring(name.length() + 2);
    }

    private static SecretKeySpec derive(char[] passphrase, byte[] salt) throws GeneralSecurityException {
        byte[] key = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
                .generateSecret(new PBEKeySpec(passphrase, salt, ROUNDS, 256)).getEncoded();
        return new SecretKeySpec(key, "AES");
    }

    private static byte[] random(int n) {
        byte[] b = new byte[n];
        new SecureRandom().nextBytes(b);
        return b;
    }
}
