package io.peeros.vpn.internal.node;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

/** An IPv4 UDP endpoint as two ints, so the data path compares and stores it without allocating. */
record Endpoint(int ip, int port) {

    static Endpoint of(InetSocketAddress a) {
        InetAddress address = a.getAddress();
        if (!(address instanceof Inet4Address)) {
            throw new IllegalArgumentException("IPv4 endpoints only: " + a);
        }
        byte[] b = address.getAddress();
        return new Endpoint((b[0] & 0xff) << 24 | (b[1] & 0xff) << 16 | (b[2] & 0xff) << 8 | b[3] & 0xff, a.getPort());
    }

    /** Parses {@code a.b.c.d:port}. */
    static Endpoint parse(String s) {
        int c = s.lastIndexOf(':');
        if (c < 0) {
            throw new IllegalArgumentException("expected ip:port: " + s);
        }
        return of(new InetSocketAddress(s.substring(0, c), Integer.parseInt(s.substring(c + 1))));
    }

    boolean is(int otherIp, int otherPort) {
        return ip == otherIp && port == otherPort;
    }

    boolean isUsable() {
        return ip != 0 && port != 0 && (ip >>> 24) != 127;
    }

    InetSocketAddress toInet() {
        try {
            return new InetSocketAddress(InetAddress.getByAddress(
                    new byte[] {(byte) (ip >>> 24), (byte) (ip >>> 16), (byte) (ip >>> 8), (byte) ip}), port);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return (ip >>> 24) + "." + (ip >>> 16 & 0xff) + "." + (ip >>> 8 & 0xff) + "." + (ip & 0xff) + ":" + port;
    }
}
