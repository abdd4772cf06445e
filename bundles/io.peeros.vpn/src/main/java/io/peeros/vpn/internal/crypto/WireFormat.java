package io.peeros.vpn.internal.crypto;

import java.nio.ByteBuffer;

/**
 * The datagram layout, described byte by byte in {@code docs/vpn-wire-format.md}. Every datagram starts with
 * a type byte and three reserved zero bytes; all integers are big-endian.
 */
final class WireFormat {

    static final byte HANDSHAKE_INIT = 1;
    static final byte HANDSHAKE_RESPONSE = 2;
    static final byte HANDSHAKE_FINAL = 3;
    static final byte DATA = 4;

    /** Type + reserved. */
    static final int PREFIX = 4;
    /** Type + reserved + receiver index. */
    static final int ROUTED_HEADER = 8;
    /** Type + reserved + receiver index + counter; authenticated as associated data. */
    static final int DATA_HEADER = 16;
    static final int DATA_OVERHEAD = DATA_HEADER + Aead.TAG_LENGTH;
    static final int SWARM_TAG_LENGTH = 8;

    /** Initiation: prefix, e, then the plaintext payload (sender index, swarm tag). */
    static final int INIT_PAYLOAD = 4 + SWARM_TAG_LENGTH;
    static final int INIT_LENGTH = PREFIX + X25519.KEY_LENGTH + INIT_PAYLOAD;
    /** Response: routed header, e, encrypted s, then the encrypted payload (sender index, binding). */
    static final int RESPONSE_MIN = ROUTED_HEADER + X25519.KEY_LENGTH + X25519.KEY_LENGTH + Aead.TAG_LENGTH
            + 4 + IdentityBinding.MIN_LENGTH + Aead.TAG_LENGTH;
    static final int RESPONSE_MAX = RESPONSE_MIN - IdentityBinding.MIN_LENGTH + IdentityBinding.MAX_LENGTH;
    /** Final: routed header, encrypted s, then the encrypted payload (binding). */
    static final int FINAL_MIN = ROUTED_HEADER + X25519.KEY_LENGTH + Aead.TAG_LENGTH
            + IdentityBinding.MIN_LENGTH + Aead.TAG_LENGTH;
    static final int FINAL_MAX = FINAL_MIN - IdentityBinding.MIN_LENGTH + IdentityBinding.MAX_LENGTH;

    private WireFormat() {
    }

    /** The type byte when the three reserved bytes are zero; -1 otherwise or when too short. */
    static int type(ByteBuffer datagram) {
        int p = datagram.position();
        if (datagram.remaining() < PREFIX || datagram.get(p + 1) != 0 || datagram.get(p + 2) != 0
                || datagram.get(p + 3) != 0) {
            return -1;
        }
        return datagram.get(p);
    }

    static int receiverIndex(ByteBuffer datagram) {
        return datagram.getInt(datagram.position() + PREFIX);
    }

    static byte[] routed(byte type, int receiverIndex, byte[] noiseMessage) {
        ByteBuffer b = ByteBuffer.allocate(ROUTED_HEADER + noiseMessage.length);
        b.put(type).put((byte) 0).put((byte) 0).put((byte) 0).putInt(receiverIndex).put(noiseMessage);
        return b.array();
    }
}
