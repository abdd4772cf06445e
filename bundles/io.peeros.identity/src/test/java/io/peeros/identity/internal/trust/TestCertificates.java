package io.peeros.identity.internal.trust;

import io.peeros.identity.api.PeerIds;
import io.peeros.identity.internal.Certificates;
import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Keys and certificates for trust tests, including broken ones. */
final class TestCertificates {

    private TestCertificates() {
    }

    static KeyPair keys() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }

    static X509Certificate valid(KeyPair keys) {
        return Certificates.issue(keys, Instant.now().minus(Duration.ofMinutes(5)), Instant.now().plus(Duration.ofDays(30)));
    }

    static X509Certificate expired(KeyPair keys) {
        return Certificates.issue(keys, Instant.now().minus(Duration.ofDays(30)), Instant.now().minus(Duration.ofDays(1)));
    }

    /** A certificate for {@code subject}'s key, signed by another key. */
    static X509Certificate signedByOther(KeyPair subject, KeyPair signer) throws Exception {
        X500Name name = new X500Name("CN=" + PeerIds.of(subject.getPublic()) + ",O=PeerOS");
        byte[] der = new JcaX509v3CertificateBuilder(name, BigInteger.TEN, Date.from(Instant.now().minusSeconds(60)),
                Date.from(Instant.now().plus(Duration.ofDays(1))), name, subject.getPublic())
                .build(new JcaContentSignerBuilder("SHA256withECDSA").build(signer.getPrivate())).getEncoded();
        return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
    }
}
