package io.peeros.identity.api;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.regex.Pattern;

/** Computes and checks peer ids: the lower-case hex SHA-256 of a DER-encoded public key. */
public final class PeerIds {

    private static final Pattern FORMAT = Pattern.compile("[0-9a-f]{64}");

    private PeerIds() {
    }

    /** The peer id of a public key. */
    public static String of(PublicKey key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getEncoded()));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** The peer id of a certificate's public key. */
    public static String of(X509Certificate certificate) {
        return of(certificate.getPublicKey());
    }

    /**
     * The SHA-256 fingerprint of a certificate's DER encoding as colon-separated upper-case hex, the form
     * {@code openssl x509 -fingerprint -sha256} prints, for owners to compare out of band.
     */
    public static String certificateFingerprint(X509Certificate certificate) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
            return HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest);
        } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
            throw new IllegalStateException("cannot fingerprint certificate " + certificate.getSubjectX500Principal(), e);
        }
    }

    /** Whether {@code id} has the form of a peer id (64 lower-case hex digits). */
    public static boolean isWellFormed(String id) {
        return id != null && FORMAT.matcher(id).matches();
    }
}
