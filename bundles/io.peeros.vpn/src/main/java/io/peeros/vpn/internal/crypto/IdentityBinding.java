package io.peeros.vpn.internal.crypto;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.util.HexFormat;

/**
 * Binds a swarm static X25519 key to a peer identity: the peer's identity key (EC P-256) signs the swarm
 * id, the peer id, the static key and an expiry. Carried encrypted in handshake messages 2 and 3.
 *
 * <pre>
 *   version (1) = 1 | peer id (32, raw SHA-256) | not-after (8, Unix seconds) | signature length (1) | signature
 * </pre>
 */
final class IdentityBinding {

    static final int PEER_ID_LENGTH = 32;
    private static final int FIXED = 1 + PEER_ID_LENGTH + 8 + 1;
    /** The shortest DER ECDSA signature we accept; P-256 signatures are at most 72 bytes. */
    private static final int MIN_SIGNATURE = 8;
    private static final int MAX_SIGNATURE = 72;
    static final int MIN_LENGTH = FIXED + MIN_SIGNATURE;
    static final int MAX_LENGTH = FIXED + MAX_SIGNATURE;
    private static final byte VERSION = 1;
    private static final byte[] LABEL = "PeerOS VPN static key binding v1\0".getBytes(StandardCharsets.US_ASCII);

    private final byte[] peerId;
    private final long notAfter;
    private final byte[] signature;

    IdentityBinding(byte[] peerId, long notAfter, byte[] signature) {
        this.peerId = peerId;
        this.notAfter = notAfter;
        this.signature = signature;
    }

    String peerId() {
        return HexFormat.of().formatHex(peerId);
    }

    long notAfter() {
        return notAfter;
    }

    byte[] signature() {
        return signature;
    }

    /** What the identity key signs. */
    static byte[] signedData(String swarmId, byte[] peerId, byte[] staticKey, long notAfter) {
        byte[] swarm = swarmId.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(LABEL.length + 2 + swarm.length + PEER_ID_LENGTH + X25519.KEY_LENGTH + 8)
                .put(LABEL).putShort((short) swarm.length).put(swarm).put(peerId).put(staticKey).putLong(notAfter)
                .array();
    }

    byte[] encode() {
        return ByteBuffer.allocate(FIXED + signature.length).put(VERSION).put(peerId).putLong(notAfter)
                .put((byte) signature.length).put(signature).array();
    }

    /** Parses exactly {@code length} bytes at {@code offset}; null when they are not a binding. */
    static IdentityBinding decode(byte[] in, int offset, int length) {
        if (length < MIN_LENGTH || length > MAX_LENGTH || offset < 0 || offset + length > in.length) {
            return null;
        }
        ByteBuffer b = ByteBuffer.wrap(in, offset, length);
        if (b.get() != VERSION) {
            return null;
        }
        byte[] peerId = new byte[PEER_ID_LENGTH];
        b.get(peerId);
        long notAfter = b.getLong();
        int signatureLength = b.get() & 0xff;
        if (signatureLength != b.remaining() || signatureLength < MIN_SIGNATURE || signatureLength > MAX_SIGNATURE) {
            return null;
        }
        byte[] signature = new byte[signatureLength];
        b.get(signature);
        return new IdentityBinding(peerId, notAfter, signature);
    }

    /** Whether the signature over this binding of {@code staticKey} verifies under {@code identityKey}. */
    boolean verify(String swarmId, byte[] staticKey, PublicKey identityKey) {
        try {
            Signature verifier = Signature.getInstance("SHA256withECDSA");
            verifier.initVerify(identityKey);
            verifier.update(signedData(swarmId, peerId, staticKey, notAfter));
            return verifier.verify(signature);
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }
}
