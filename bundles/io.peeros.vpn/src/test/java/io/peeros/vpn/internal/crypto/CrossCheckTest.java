package io.peeros.vpn.internal.crypto;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;

import java.nio.ByteBuffer;
import java.util.Random;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.modes.AEADCipher;
import org.bouncycastle.crypto.modes.ChaCha20Poly1305;
import org.bouncycastle.crypto.modes.GCMBlockCipher;
import org.bouncycastle.crypto.params.AEADParameters;
import org.bouncycastle.crypto.params.KeyParameter;
import org.junit.Test;

/** The JDK primitives as we use them, against BouncyCastle's independent implementations. */
public class CrossCheckTest {

    private final Random random = new Random(1);

    @Test
    public void x25519MatchesBouncyCastle() {
        for (int i = 0; i < 50; i++) {
            byte[] a = bytes(32);
            byte[] b = bytes(32);
            byte[] bcPublic = new byte[32];
            org.bouncycastle.math.ec.rfc7748.X25519.scalarMultBase(b, 0, bcPublic, 0);
            assertArrayEquals(bcPublic, X25519.fromPrivate(b).publicKey());
            byte[] bcShared = new byte[32];
            org.bouncycastle.math.ec.rfc7748.X25519.scalarMult(a, 0, bcPublic, 0, bcShared, 0);
            assertArrayEquals(bcShared, X25519.dh(a, bcPublic));
        }
    }

    @Test
    public void aeadsMatchBouncyCastleBothWays() throws Exception {
        for (CipherSuite suite : CipherSuite.values()) {
            for (int length : new int[] {0, 1, 15, 16, 17, 1400, 65_536}) {
                byte[] key = bytes(32);
                byte[] ad = bytes(16);
                byte[] plaintext = bytes(length);
                long n = random.nextLong() & Long.MAX_VALUE;
                Aead ours = new Aead(suite);
                ours.setKey(key);
                ByteBuffer sealed = ByteBuffer.allocate(length + 16);
                ours.seal(n, ad, 0, ad.length, ByteBuffer.wrap(plaintext), sealed);

                AEADCipher bc = suite == CipherSuite.CHACHA20_POLY1305 ? new ChaCha20Poly1305()
                        : GCMBlockCipher.newInstance(AESEngine.newInstance());
                bc.init(true, new AEADParameters(new KeyParameter(key), 128, nonce(suite, n), ad));
                byte[] bcSealed = new byte[bc.getOutputSize(length)];
                bc.doFinal(bcSealed, bc.processBytes(plaintext, 0, length, bcSealed, 0));
                assertArrayEquals(suite + " " + length, bcSealed, sealed.array());

                ByteBuffer opened = ByteBuffer.allocate(length);
                assertEquals(length, ours.open(n, ad, 0, ad.length, ByteBuffer.wrap(bcSealed), opened));
                assertArrayEquals(plaintext, opened.array());
            }
        }
    }

    private static byte[] nonce(CipherSuite suite, long n) {
        byte[] nonce = new byte[12];
        suite.nonce(n, nonce);
        return nonce;
    }

    private byte[] bytes(int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }
}
