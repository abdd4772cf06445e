package io.peeros.vpn.internal.dataplane;

import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.Map;

/**
 * How one forwarder runs: its TAP name, the UDP endpoints, the I/O variant, the placeholder cipher, and the
 * sender ids that make nonces unique per direction.
 *
 * @param io {@code PLAIN}: blocking TAP read and a JDK DatagramChannel, one syscall per packet each way;
 *     {@code MMSG}: TAP drained until EAGAIN, sendmmsg/recvmmsg batches; {@code VNET}: MMSG plus
 *     IFF_VNET_HDR with TSO (TCP super-frames segmented in Java, coalesced back before the TAP write);
 *     {@code VNET_GSO}: VNET plus UDP GSO (UDP_SEGMENT) on send
 */
public record Settings(String tap, InetSocketAddress local, InetSocketAddress peer, Io io, PacketAead.Kind cipher,
                       int id, int peerId, boolean coalesce, int statsSeconds) {

    /** The I/O variant. */
    public enum Io { PLAIN, MMSG, VNET, VNET_GSO }

    /** Parses {@code key=value} arguments, e.g. {@code tap=pv0 local=10.9.0.1:7000 peer=10.9.0.2:7000 io=vnet_gso}. */
    public static Settings parse(String... args) {
        Map<String, String> m = new HashMap<>();
        for (String a : args) {
            int eq = a.indexOf('=');
            if (eq < 0) {
                throw new IllegalArgumentException("expected key=value: " + a);
            }
            m.put(a.substring(0, eq), a.substring(eq + 1));
        }
        return new Settings(m.getOrDefault("tap", "pv0"), endpoint(m.get("local")), endpoint(m.get("peer")),
                Io.valueOf(m.getOrDefault("io", "vnet_gso").toUpperCase()),
                PacketAead.Kind.valueOf(m.getOrDefault("cipher", "gcm").toUpperCase()),
                Integer.parseInt(m.getOrDefault("id", "1")), Integer.parseInt(m.getOrDefault("peer-id", "2")),
                Boolean.parseBoolean(m.getOrDefault("coalesce", "true")), Integer.parseInt(m.getOrDefault("stats", "0")));
    }

    private static InetSocketAddress endpoint(String s) {
        if (s == null) {
            throw new IllegalArgumentException("local= and peer= are required (ip:port)");
        }
        int c = s.lastIndexOf(':');
        return new InetSocketAddress(s.substring(0, c), Integer.parseInt(s.substring(c + 1)));
    }

    boolean vnet() {
        return io == Io.VNET || io == Io.VNET_GSO;
    }

    /** A 32-byte key shared by both ends of the benchmark (the real keys come from the handshake). */
    static byte[] benchKey(int senderId) {
        byte[] k = new byte[32];
        for (int i = 0; i < k.length; i++) {
            k[i] = (byte) (i * 31 + senderId);
        }
        return k;
    }
}
