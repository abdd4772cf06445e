package io.peeros.registry.internal;

import io.peeros.identity.api.PeerIdentity;
import io.peeros.identity.api.PeerIds;
import java.math.BigInteger;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.net.ssl.X509KeyManager;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** A peer identity for tests: a real EC P-256 key and a self-signed certificate, in memory. */
public final class TestIdentity implements PeerIdentity {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final String name;
    private final KeyPair keys;
    private volatile X509Certificate certificate;

    public TestIdentity(String name) {
        this.name = name;
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            this.keys = generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        this.certificate = issue(keys, name, Instant.now().minusSeconds(60), Duration.ofDays(365));
    }

    /** A self-signed certificate over {@code keys}. */
    public static X509Certificate issue(KeyPair keys, String cn, Instant notBefore, Duration validity) {
        try {
            X500Name subject = new X500Name("CN=" + cn);
            JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject,
                    new BigInteger(64, RANDOM).abs().add(BigInteger.ONE), Date.from(notBefore),
                    Date.from(notBefore.plus(validity)), subject, keys.getPublic());
            return new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate())));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public KeyPair keys() {
        return keys;
    }

    @Override
    public String peerId() {
        return PeerIds.of(keys.getPublic());
    }

    @Override
    public X509Certificate certificate() {
        return certificate;
    }

    @Override
    public X509KeyManager keyManager() {
        return new X509ExtendedKeyManager() {
            private static final String ALIAS = "peer";

            private String alias(String... keyTypes) {
                for (String type : keyTypes) {
                    if (type != null && type.startsWith("EC")) {
                        return ALIAS;
                    }
                }
                return null;
            }

            @Override
            public String[] getClientAliases(String keyType, Principal[] issuers) {
                return alias(keyType) == null ? null : new String[] {ALIAS};
            }

            @Override
            public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
                return alias(keyType);
            }

            @Override
            public String chooseEngineClientAlias(String[] keyType, Principal[] issuers, SSLEngine engine) {
                return alias(keyType);
            }

            @Override
            public String[] getServerAliases(String keyType, Principal[] issuers) {
                return getClientAliases(keyType, issuers);
            }

            @Override
            public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
                return alias(keyType);
            }

            @Override
            public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
                return alias(keyType);
            }

            @Override
            public X509Certificate[] getCertificateChain(String alias) {
                return ALIAS.equals(alias) ? new X509Certificate[] {certificate} : null;
            }

            @Override
            public PrivateKey getPrivateKey(String alias) {
                return ALIAS.equals(alias) ? keys.getPrivate() : null;
            }
        };
    }

    @Override
    public byte[] sign(byte[] data) {
        try {
            Signature signature = Signature.getInstance("SHA256withECDSA");
            signature.initSign(keys.getPrivate());
            signature.update(data);
            return signature.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public X509Certificate rotateCertificate() {
        certificate = issue(keys, name, Instant.now().minusSeconds(60), Duration.ofDays(365));
        return certificate;
    }
}
