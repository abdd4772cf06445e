package io.peeros.identity.internal;

import io.peeros.identity.api.PeerIds;
import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Self-signed peer certificates: issuing, PEM conversion and the checks peers apply to each other. */
public final class Certificates {

    private static final SecureRandom RANDOM = new SecureRandom();

    private Certificates() {
    }

    /** A self-signed end-entity certificate for a peer key, subject {@code CN=<peerId>, O=PeerOS}. */
    public static X509Certificate issue(KeyPair keys, Instant notBefore, Instant notAfter) {
        try {
            // DER order is most significant first, so Java prints it as "CN=<peer id>,O=PeerOS".
            X500Name subject = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.O, "PeerOS")
                    .addRDN(BCStyle.CN, PeerIds.of(keys.getPublic())).build();
            byte[] serial = new byte[16];
            RANDOM.nextBytes(serial);
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject, new BigInteger(1, serial),
                    Date.from(notBefore), Date.from(notAfter), subject, keys.getPublic());
            JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            builder.addExtension(Extension.keyUsage, true,
                    new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyAgreement));
            builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(
                    new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth}));
            builder.addExtension(Extension.subjectKeyIdentifier, false,
                    extensions.createSubjectKeyIdentifier(keys.getPublic()));
            ContentSigner signer = new JcaContentSignerBuilder("SHA256withECDSA").setProvider(Bc.provider())
                    .build(keys.getPrivate());
            // Converted by the JDK's factory so JSSE and every consumer see a plain JDK certificate.
            return fromDer(builder.build(signer).getEncoded());
        } catch (OperatorCreationException | GeneralSecurityException | java.io.IOException e) {
            throw new IllegalStateException("cannot issue a peer certificate: " + e.getMessage(), e);
        }
    }

    /** Whether the certificate is valid at {@code now} and its signature verifies with its own key. */
    public static void checkSelfSigned(X509Certificate certificate, Instant now) throws CertificateException {
        String id = PeerIds.of(certificate);
        if (now.isBefore(certificate.getNotBefore().toInstant())) {
            throw new CertificateException("certificate of peer " + id + " is not valid before "
                    + certificate.getNotBefore().toInstant());
        }
        if (now.isAfter(certificate.getNotAfter().toInstant())) {
            throw new CertificateException("certificate of peer " + id + " expired on "
                    + certificate.getNotAfter().toInstant());
        }
        try {
            certificate.verify(certificate.getPublicKey());
        } catch (GeneralSecurityException e) {
            throw new CertificateException("certificate of peer " + id + " is not signed by its own key", e);
        }
    }

    public static String toPem(X509Certificate certificate) {
        try {
            return "-----BEGIN CERTIFICATE-----\n"
                    + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(certificate.getEncoded())
                    + "\n-----END CERTIFICATE-----\n";
        } catch (CertificateException e) {
            throw new IllegalStateException("cannot encode certificate", e);
        }
    }

    public static X509Certificate fromPem(String pem) throws CertificateException {
        return fromDer(pem.getBytes(StandardCharsets.US_ASCII));
    }

    private static X509Certificate fromDer(byte[] encoded) throws CertificateException {
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(encoded));
    }
}
