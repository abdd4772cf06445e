package io.peeros.container.lxc.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A running container's addresses, read from its network namespace through {@code /proc/<pid>/net}. This
 * costs two file reads and no process: liblxc's {@code get_ips} would fork the JVM to enter the namespace.
 */
final class ProcNet {

    private static final int SCOPE_GLOBAL = 0;

    private ProcNet() {
    }

    /** Global IPv4 then IPv6 addresses of the namespace of {@code pid}; loopback and link-local left out. */
    static List<InetAddress> addresses(int pid) {
        Path net = Path.of("/proc", Integer.toString(pid), "net");
        List<InetAddress> all = new ArrayList<>(ipv4(read(net.resolve("fib_trie"))));
        all.addAll(ipv6(read(net.resolve("if_inet6"))));
        return all;
    }

    /** Local addresses are the leaves of the trie marked {@code /32 host LOCAL}, under their address line. */
    static Set<InetAddress> ipv4(List<String> fibTrie) {
        Set<InetAddress> found = new LinkedHashSet<>();
        String last = null;
        for (String line : fibTrie) {
            String t = line.strip();
            if (t.startsWith("|-- ")) {
                last = t.substring(4).strip();
            } else if (t.startsWith("/32 host LOCAL") && last != null) {
                InetAddress a = parse(last);
                if (a != null && !a.isLoopbackAddress()) {
                    found.add(a);
                }
            }
        }
        return found;
    }

    /** Lines are {@code address ifindex prefix scope flags name}, the address as 32 hex digits. */
    static List<InetAddress> ipv6(List<String> ifInet6) {
        List<InetAddress> found = new ArrayList<>();
        for (String line : ifInet6) {
            String[] f = line.strip().split("\\s+");
            if (f.length >= 6 && f[0].length() == 32 && Integer.parseInt(f[3], 16) == SCOPE_GLOBAL) {
                try {
                    found.add(InetAddress.getByAddress(HexFormat.of().parseHex(f[0])));
                } catch (UnknownHostException | IllegalArgumentException e) {
                    // not an address: skip the line
                }
            }
        }
        return found;
    }

    private static InetAddress parse(String dotted) {
        String[] p = dotted.split("\\.");
        if (p.length != 4) {
            return null;
        }
        byte[] b = new byte[4];
        try {
            for (int i = 0; i < 4; i++) {
                b[i] = (byte) Integer.parseInt(p[i]);
            }
            return InetAddress.getByAddress(b);
        } catch (NumberFormatException | UnknownHostException e) {
            return null;
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
