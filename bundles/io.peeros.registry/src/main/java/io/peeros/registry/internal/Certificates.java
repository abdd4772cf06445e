package io.peeros.registry.internal;

import io.peeros.registry.api.RegistryException;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** PEM, DER and fingerprints of the X.509 certificates peers exchange. */
public final class Certificates {

    /** A peer certificate is a few hundred bytes; anything larger is refused before parsing. */
    private static final int MAX_PEM_CHARS = 16 * 1024;
    private static final Pattern PEM = Pattern.compile(
            "-----BEGIN CERTIFICATE-----([A-Za-z0-9+/=\\s]+)-----END CERTIFICATE-----");

    private Certificates() {
    }

    public static String toPem(X509Certificate certificate) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(der(certificate));
        return "-----BEGIN CERTIFICATE-----\n" + body + "\n-----END CERTIFICATE-----\n";
    }

    /**
     * Parses exactly one PEM certificate.
     *
     * @throws IllegalArgumentException with a readable reason when it is not one
     */
    public static X509Certificate fromPem(String pem) {
        if (pem == null || pem.isBlank()) {
            throw new IllegalArgumentException("the certificate is missing");
        }
        if (pem.length() > MAX_PEM_CHARS) {
            throw new IllegalArgumentException("the certificate is larger than " + MAX_PEM_CHARS + " characters");
        }
        Matcher m = PEM.matcher(pem.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("the certificate is not one PEM 'CERTIFICATE' block");
        }
        try {
            byte[] der = Base64.getMimeDecoder().decode(m.group(1));
            return (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(der));
        } catch (IllegalArgumentException | CertificateException | ClassCastException e) {
            throw new IllegalArgumentException("the certificate cannot be parsed: " + e.getMessage(), e);
        }
    }

    public static byte[] der(X509Certificate certificate) {
        try {
            return certificate.getEncoded();
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException("a certificate cannot be DER-encoded", e);
        }
    }

    public static boolean sameDer(X509Certificate a, X509Certificate b) {
        return a != null && b != null && MessageDigest.isEqual(der(a), der(b));
    }

    /** SHA-256 of the DER encoding, colon-separated upper-case hex. */
    public static String fingerprint(X509Certificate certificate) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(der(certificate));
            return HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /**
     * Checks that a peer's self-signed certificate is valid now and signed by its own key.
     *
     * @throws RegistryException with {@code code}, naming the problem
     */
    public static void checkSelfSigned(X509Certificate certificate, Instant now, String code) {
        try {
            certificate.checkValidity(Date.from(now));
        } catch (CertificateException e) {
            throw new RegistryException(code, "The peer certificate is not valid now (valid from "
                    + certificate.getNotBefore().toInstant() + " to " + certificate.getNotAfter().toInstant() + ").");
        }
        try {
            certificate.verify(certificate.getPublicKey());
        } catch (GeneralSecurityException e) {
            throw new RegistryException(code,
                    "The peer certificate is not self-signed by its own key: " + e.getMessage());
        }
    }
}
