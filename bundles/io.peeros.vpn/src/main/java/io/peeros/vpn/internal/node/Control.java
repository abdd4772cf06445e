package io.peeros.vpn.internal.node;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

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

    /** A parsed ENDPOINTS message. */
    record Endpoints(List<Endpoint> candidates, long[] reachable, Endpoint observed) {
    }

    /** One entry of a parsed INTRODUCE message. */
    record Introduction(long prefix, List<Endpoint> addresses) {
    }

    private Control() {
    }

    /** Parses an ENDPOINTS body (position after the type byte, limit at the end); throws if it does not parse. */
    static Endpoints parseEndpoints(ByteBuffer b) {
        int k = b.get() & 0xff;
        if (k > MAX_CANDIDATES || b.remaining() < k * 6 + 1) {
            throw new IllegalArgumentException("ENDPOINTS: " + k + " candidates");
        }
        List<Endpoint> candidates = new ArrayList<>(k);
        for (int i = 0; i < k; i++) {
            Endpoint e = readEndpoint(b);
            if (e != null) {
                candidates.add(e);
            }
        }
        int reach = b.get() & 0xff;
        if (reach > MAX_REACHABLE || b.remaining() != reach * 8 + 6) {
            throw new IllegalArgumentException("ENDPOINTS: length");
        }
        long[] reachable = new long[reach];
        for (int i = 0; i < reach; i++) {
            reachable[i] = b.getLong();
        }
        return new Endpoints(candidates, reachable, readEndpoint(b));
    }

    /** Parses an INTRODUCE body completely before anything is applied; throws if it does not parse. */
    static List<Introduction> parseIntroduce(ByteBuffer b) {
        int entries = b.get() & 0xff;
        if (entries > MAX_INTRODUCED) {
            throw new IllegalArgumentException("INTRODUCE: " + entries + " entries");
        }
        List<Introduction> out = new ArrayList<>(entries);
        for (int i = 0; i < entries; i++) {
            long prefix = b.getLong();
            int k = b.get() & 0xff;
            if (k > MAX_INTRODUCED_ADDRESSES || b.remaining() < k * 6) {
                throw new IllegalArgumentException("INTRODUCE: " + k + " addresses");
            }
            List<Endpoint> addresses = new ArrayList<>(k);
            for (int j = 0; j < k; j++) {
                Endpoint e = readEndpoint(b);
                if (e != null) {
                    addresses.add(e);
                }
            }
            out.add(new Introduction(prefix, addresses));
        }
        if (b.hasRemaining()) {
            throw new IllegalArgumentException("INTRODUCE: trailing bytes");
        }
        return out;
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
