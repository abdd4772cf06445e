package io.peeros.vpn.internal.crypto;

import io.peeros.identity.api.PeerIdentity;
import io.peeros.identity.api.PeerIds;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.util.Date;
import javax.net.ssl.X509KeyManager;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** A peer identity for tests: a fresh P-256 key and a self-signed certificate, like the real one. */
public final class TestPeer implements PeerIdentity {

    private final KeyPair keys;
    private final X509Certificate certificate;
    private final String claimedId;

    private TestPeer(KeyPair keys, X509Certificate certificate, String claimedId) {
        this.keys = keys;
        this.certificate = certificate;
        this.claimedId = claimedId;
    }

    public static TestPeer create() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            KeyPair keys = generator.generateKeyPair();
            X500Name name = new X500Name("CN=" + PeerIds.of(keys.getPublic()).substring(0, 16));
            long now = System.currentTimeMillis();
            X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(
                    new JcaX509v3CertificateBuilder(name, BigInteger.valueOf(now), new Date(now - 86_400_000L),
                            new Date(now + 10 * 86_400_000L), name, keys.getPublic())
                            .build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate())));
            return new TestPeer(keys, certificate, PeerIds.of(keys.getPublic()));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** An impostor: claims {@code victim}'s peer id but can only sign with its own key. */
    TestPeer claiming(TestPeer victim) {
        return new TestPeer(keys, certificate, victim.peerId());
    }

    @Override
    public String peerId() {
        return claimedId;
    }

    @Override
    public X509Certificate certificate() {
        return certificate;
    }

    @Override
    public X509KeyManager keyManager() {
        throw new UnsupportedOperationException();
    }

    @Override
    public byte[] sign(byte[] data) {
        try {
            PrivateKey key = keys.getPrivate();
            Signature signer = Signature.getInstance("SHA256withECDSA");
            signer.initSign(key);
            signer.update(data);
            return signer.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public X509Certificate rotateCertificate() {
        throw new UnsupportedOperationException();
    }
}
