package io.peeros.vpn.internal.dataplane;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.spec.AlgorithmParameterSpec;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Placeholder per-packet AEAD for the data-plane prototype: the real cost of sealing and opening every packet
 * with a reused JDK {@link Cipher} and a 96-bit nonce of (32-bit sender id, 64-bit counter). It carries no key
 * exchange, replay window or rekeying; that is the crypto package's job. One instance per thread.
 */
public final class PacketAead {
    /** Authentication tag length in bytes. */
    public static final int TAG = 16;
    /** The largest plaintext sealed or opened (one Ethernet frame plus meta, well under a 2 KiB slot). */
    public static final int MAX_PACKET = 2048;

    /** The algorithm; {@code NONE} copies and appends a zero tag, to isolate the cost of the crypto. */
    public enum Kind { GCM, CHACHA, NONE }

    private final Kind kind;
    private final Cipher cipher;
    private final SecretKeySpec key;
    private final byte[] nonce = new byte[12];
    /** Heap staging: the JDK 17 AES-GCM intrinsics run on arrays; direct buffers cost ~50 % more (AeadCost). */
    private final byte[] stageIn = new byte[MAX_PACKET];
    private final byte[] stageOut = new byte[MAX_PACKET + TAG];

    public PacketAead(Kind kind, byte[] key32, int senderId) throws GeneralSecurityException {
        this.kind = kind;
        String alg = kind == Kind.CHACHA ? "ChaCha20" : "AES";
        this.key = new SecretKeySpec(key32, alg);
        this.cipher = switch (kind) {
            case GCM -> Cipher.getInstance("AES/GCM/NoPadding");
            case CHACHA -> Cipher.getInstance("ChaCha20-Poly1305");
            case NONE -> null;
        };
        nonce[0] = (byte) (senderId >>> 24);
        nonce[1] = (byte) (senderId >>> 16);
        nonce[2] = (byte) (senderId >>> 8);
        nonce[3] = (byte) senderId;
    }

    /** Seals {@code in} (position to limit) into {@code out} at its position; returns bytes written (len + TAG). */
    public int seal(long counter, ByteBuffer in, ByteBuffer out) throws GeneralSecurityException {
        int len = in.remaining();
        if (kind == Kind.NONE) {
            out.put(in);
            for (int i = 0; i < TAG; i++) {
                out.put((byte) 0);
            }
            return len + TAG;
        }
        cipher.init(Cipher.ENCRYPT_MODE, key, spec(counter));
        in.get(stageIn, 0, len);
        int n = cipher.doFinal(stageIn, 0, len, stageOut, 0);
        out.put(stageOut, 0, n);
        return n;
    }

    /** Opens {@code in} into {@code out}; returns the plaintext length or -1 when authentication fails. */
    public int open(long counter, ByteBuffer in, ByteBuffer out) throws GeneralSecurityException {
        if (kind == Kind.NONE) {
            int len = in.remaining() - TAG;
            in.limit(in.limit() - TAG);
            out.put(in);
            return len;
        }
        try {
            cipher.init(Cipher.DECRYPT_MODE, key, spec(counter));
            int len = in.remaining();
            in.get(stageIn, 0, len);
            int n = cipher.doFinal(stageIn, 0, len, stageOut, 0);
            out.put(stageOut, 0, n);
            return n;
        } catch (AEADBadTagException e) {
            return -1;
        }
    }

    private AlgorithmParameterSpec spec(long counter) {
        for (int i = 0; i < 8; i++) {
            nonce[4 + i] = (byte) (counter >>> (56 - 8 * i));
        }
        return kind == Kind.GCM ? new GCMParameterSpec(TAG * 8, nonce) : new IvParameterSpec(nonce);
    }
}
