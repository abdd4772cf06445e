package io.peeros.vpn.internal.node;

import java.nio.ByteBuffer;

/**
 * Control messages, carried as {@link Inner#CONTROL} plaintext inside data packets, so every one is
 * authenticated and encrypted. Parsing is strict: counts are bounded, lengths must match exactly, and a message
 * that does not parse is dropped and counted. Layouts in {@code docs/vpn-control.md}.
 */
final class Control {
    static final byte PING = 1;
    static final byte PONG = 2;
    static final byte ENDPOINTS = 3;
    static final byte INTRODUCE = 4;

    /** PING/PONG flag: the ping went straight to the endpoint (not through a relay). */
    static final int DIRECT = 1;

    static final int MAX_CANDIDATES = 8;
    static final int MAX_REACHABLE = 32;
    static final int MAX_INTRODUCED = 16;
    static final int MAX_INTRODUCED_ADDRESSES = 4;

    static final int PING_LENGTH = 2 + 8 + 1;
    static final int PONG_LENGTH = 2 + 8 + 1 + 6;

    private Control() {
    }

    static void ping(ByteBuffer b, long nonce, int flags) {
        b.put(Inner.CONTROL).put(PING).putLong(nonce).put((byte) flags);
    }

    static void pong(ByteBuffer b, long nonce, int flags, int observedIp, int observedPort) {
        b.put(Inner.CONTROL).put(PONG).putLong(nonce).put((byte) flags);
        b.putInt(observedIp).putShort((short) observedPort);
    }

    static void endpoint(ByteBuffer b, Endpoint e) {
        b.putInt(e == null ? 0 : e.ip()).putShort((short) (e == null ? 0 : e.port()));
    }

    static Endpoint readEndpoint(ByteBuffer b) {
        int ip = b.getInt();
        int port = b.getShort() & 0xffff;
        Endpoint e = new Endpoint(ip, port);
        return e.isUsable() ? e : null;
    }
}
