package io.peeros.container.template.internal;

import io.peeros.container.api.TemplateException;
import io.peeros.identity.api.PeerIds;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Base64;

/**
 * The publisher's signature over {@code metadata.json}: SHA256withECDSA (DER), as {@code PeerIdentity.sign}
 * makes it, checked with the public key of the certificate the metadata carries.
 */
final class Signatures {

    static final String ALGORITHM = "SHA256withECDSA";

    private Signatures() {
    }

    static String pem(X509Certificate certificate) {
        try {
            return "-----BEGIN CERTIFICATE-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                            .encodeToString(certificate.getEncoded())
                    + "\n-----END CERTIFICATE-----\n";
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot encode the peer certificate", e);
        }
    }

    /** The certificate of a PEM text holding exactly one. */
    static X509Certificate certificate(String pem) {
        try {
            if (!pem.startsWith("-----BEGIN CERTIFICATE-----")) {
                throw new GeneralSecurityException("no PEM certificate");
            }
            return (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException | ClassCastException e) {
            throw new TemplateException(TemplateException.BAD_SIGNATURE,
                    "the publisher certificate in metadata.json cannot be read: " + e.getMessage());
        }
    }

    /**
     * Checks that {@code certificate} belongs to {@code publisher} and that {@code signature} is its key's
     * signature over {@code data}.
     */
    static void verify(byte[] data, byte[] signature, X509Certificate certificate, String publisher) {
        String owner = PeerIds.of(certificate);
        if (!owner.equals(publisher)) {
            throw new TemplateException(TemplateException.BAD_SIGNATURE, "metadata.json names publisher " + publisher
                    + " but carries the certificate of peer " + owner);
        }
        boolean ok;
        try {
            Signature s = Signature.getInstance(ALGORITHM);
            s.initVerify(certificate.getPublicKey());
            s.update(data);
            ok = s.verify(signature);
        } catch (GeneralSecurityException | RuntimeException e) {
            ok = false;
        }
        if (!ok) {
            throw new TemplateException(TemplateException.BAD_SIGNATURE, "metadata.sig is not peer " + publisher
                    + "'s " + ALGORITHM + " signature of metadata.json: the metadata was altered or signed by another key");
        }
    }
}
