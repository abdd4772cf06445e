package io.peeros.vpn.internal.crypto;

import java.security.GeneralSecurityException;
import java.security.Provider;
import java.security.Security;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;
import java.security.spec.AlgorithmParameterSpec;

/**
 * The AEAD of a swarm, used both in the Noise handshake and for transport packets. The Noise protocol name
 * carries it, so two peers configured differently cannot complete a handshake.
 */
public enum CipherSuite {
    /** ChaCha20-Poly1305 (RFC 8439); Noise nonce: 4 zero bytes then the counter little-endian. */
    CHACHA20_POLY1305("ChaChaPoly", "ChaCha20-Poly1305", "ChaCha20"),
    /** AES-256-GCM with a 128-bit tag; Noise nonce: 4 zero bytes then the counter big-endian. */
    AES_256_GCM("AESGCM", "AES/GCM/NoPadding", "AES");

    private final String noiseName;
    private final String transformation;
    private final String keyAlgorithm;

    CipherSuite(String noiseName, String transformation, String keyAlgorithm) {
        this.noiseName = noiseName;
        this.transformation = transformation;
        this.keyAlgorithm = keyAlgorithm;
    }

    /** The full Noise protocol name of the handshake that uses this suite. */
    public String protocolName() {
        return "Noise_XX_25519_" + noiseName + "_SHA256";
    }

    String keyAlgorithm() {
        return keyAlgorithm;
    }

    /** A new cipher; the JDK's own provider is preferred because it carries the CPU intrinsics. */
    Cipher newCipher() throws GeneralSecurityException {
        Provider sun = Security.getProvider("SunJCE");
        return sun != null ? Cipher.getInstance(transformation, sun) : Cipher.getInstance(transformation);
    }

    /** Writes the 96-bit nonce for counter {@code n} into {@code nonce} and returns its parameter spec. */
    AlgorithmParameterSpec nonce(long n, byte[] nonce) {
        nonce[0] = nonce[1] = nonce[2] = nonce[3] = 0;
        for (int i = 0; i < 8; i++) {
            int shift = this == CHACHA20_POLY1305 ? 8 * i : 8 * (7 - i);
            nonce[4 + i] = (byte) (n >>> shift);
        }
        return this == CHACHA20_POLY1305 ? new IvParameterSpec(nonce) : new GCMParameterSpec(128, nonce);
    }
}
