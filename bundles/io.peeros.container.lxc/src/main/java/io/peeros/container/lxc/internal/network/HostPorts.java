package io.peeros.container.lxc.internal.network;

import io.peeros.container.api.PortMapping.Protocol;
import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Which host ports processes of the host have bound, read from {@code /proc/net/{tcp,tcp6,udp,udp6}} of the
 * peer's own network namespace (the host's). Reading costs no process and opens no socket.
 */
final class HostPorts {

    private static final String TCP_LISTEN = "0A";

    private final Path procNet;

    HostPorts() {
        this(Path.of("/proc/net"));
    }

    HostPorts(Path procNet) {
        this.procNet = procNet;
    }

    /** The local address of a socket that holds {@code port}: a listening TCP socket, or any UDP socket. */
    Optional<String> holder(Protocol protocol, int port) {
        String base = protocol == Protocol.TCP ? "tcp" : "udp";
        for (String file : List.of(base, base + "6")) {
            Optional<String> found = holder(read(procNet.resolve(file)), protocol, port);
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    /** Lines are {@code sl local_address rem_address st ...}, the local address as {@code HEXADDR:HEXPORT}. */
    static Optional<String> holder(List<String> lines, Protocol protocol, int port) {
        for (String line : lines) {
            String[] f = line.strip().split("\\s+");
            if (f.length < 4 || !f[0].endsWith(":")) {
                continue;
            }
            int colon = f[1].lastIndexOf(':');
            if (colon < 0 || Integer.parseInt(f[1].substring(colon + 1), 16) != port) {
                continue;
            }
            if (protocol == Protocol.UDP || TCP_LISTEN.equals(f[3])) {
                return Optional.of(readable(f[1].substring(0, colon)) + ":" + port);
            }
        }
        return Optional.empty();
    }

    /** The kernel writes the address as 32-bit words in host (little-endian) order; IPv4-mapped shows as IPv4. */
    private static String readable(String hex) {
        byte[] b = new byte[hex.length() / 2];
        for (int w = 0; w < b.length; w += 4) {
            int word = Integer.reverseBytes((int) Long.parseLong(hex.substring(2 * w, 2 * w + 8), 16));
            b[w] = (byte) (word >>> 24);
            b[w + 1] = (byte) (word >>> 16);
            b[w + 2] = (byte) (word >>> 8);
            b[w + 3] = (byte) word;
        }
        try {
            InetAddress a = InetAddress.getByAddress(b);
            return a instanceof Inet6Address ? "[" + a.getHostAddress() + "]" : a.getHostAddress();
        } catch (UnknownHostException e) {
            return hex;
        }
    }

    private static List<String> read(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            return List.of();
        }
    }
}
