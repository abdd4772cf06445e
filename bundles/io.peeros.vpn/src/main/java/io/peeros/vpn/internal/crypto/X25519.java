package io.peeros.vpn.internal.crypto;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.spec.NamedParameterSpec;
import java.security.spec.XECPrivateKeySpec;
import java.security.spec.XECPublicKeySpec;
import java.util.Arrays;
import javax.crypto.KeyAgreement;

/** X25519 (RFC 7748) on raw 32-byte keys, through the JDK's XDH provider. */
final class X25519 {

    static final int KEY_LENGTH = 32;
    private static final byte[] BASE_POINT = new byte[KEY_LENGTH];

    static {
        BASE_POINT[0] = 9;
    }

    /** A key pair as raw bytes; {@link #destroy()} zeroes the private half. */
    static final class KeyPair {
        private final byte[] privateKey;
        private final byte[] publicKey;

        KeyPair(byte[] privateKey, byte[] publicKey) {
            this.privateKey = privateKey;
            this.publicKey = publicKey;
        }

        byte[] publicKey() {
            return publicKey;
        }

        byte[] privateKey() {
            return privateKey;
        }

        void destroy() {
            Arrays.fill(privateKey, (byte) 0);
        }
    }

    private X25519() {
    }

    static KeyPair generate(SecureRandom random) {
        byte[] k = new byte[KEY_LENGTH];
        random.nextBytes(k);
        return fromPrivate(k);
    }

    static KeyPair fromPrivate(byte[] privateKey) {
        byte[] pub = dh(privateKey, BASE_POINT);
        if (pub == null) {
            throw new IllegalStateException("cannot derive an X25519 public key");
        }
        return new KeyPair(privateKey.clone(), pub);
    }

    /** DH(k, u); null when the peer's point has small order (an all-zero result) or is otherwise unusable. */
    static byte[] dh(byte[] privateKey, byte[] publicKey) {
        try {
            KeyFactory factory = KeyFactory.getInstance("XDH");
            PrivateKey k = factory.generatePrivate(new XECPrivateKeySpec(NamedParameterSpec.X25519, privateKey));
            PublicKey u = factory.generatePublic(new XECPublicKeySpec(NamedParameterSpec.X25519, decodeU(publicKey)));
            KeyAgreement agreement = KeyAgreement.getInstance("XDH");
            agreement.init(k);
            agreement.doPhase(u, true);
            return agreement.generateSecret();
        } catch (GeneralSecurityException e) {
            return null;
        }
    }

    /** RFC 7748 section 5: little-endian, the top bit masked. */
    private static BigInteger decodeU(byte[] u) {
        byte[] be = new byte[KEY_LENGTH];
        for (int i = 0; i < KEY_LENGTH; i++) {
            be[i] = u[KEY_LENGTH - 1 - i];
        }
        be[0] &= 0x7f;
        return new BigInteger(1, be);
    }
}
