package io.peeros.vpn.internal.service;

import io.peeros.vpn.api.VpnException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The swarm bridges, made with {@code ip} (iproute2). A bridge gets no address: the host is not a member of any
 * environment's network, and nothing is routed between environments. A failure becomes a
 * {@link VpnException} {@code DATAPLANE_FAILED} quoting the command and what it printed.
 */
class HostLinks {

    private static final long TIMEOUT_SECONDS = 10;
    private static final Pattern LINK_NAME = Pattern.compile("^\\d+: ([^:@\\s]+)[:@]", Pattern.MULTILINE);
    private static final Pattern ALIAS = Pattern.compile("\\salias (\\S+)");
    private static final Pattern INET = Pattern.compile("\\sinet (\\d+\\.\\d+\\.\\d+\\.\\d+)/(\\d+)");

    private final String ip;
    private final List<String> namespace;

    /** The links of this process's network namespace. */
    HostLinks() {
        this("");
    }

    /** The links of the named network namespace ({@code ip -n}); empty for this process's own. */
    HostLinks(String netns) {
        this.namespace = netns.isEmpty() ? List.of() : List.of("-n", netns);
        this.ip = List.of("/usr/sbin/ip", "/sbin/ip", "/usr/bin/ip", "/bin/ip").stream()
                .filter(p -> Files.isExecutable(Path.of(p))).findFirst()
                .orElseThrow(() -> new VpnException("DATAPLANE_FAILED", "ip not found: install the iproute2 package"));
    }

    boolean exists(String name) {
        return linksStartingWith(name).contains(name);
    }

    /**
     * Creates the bridge if it is missing and brings it up with {@code mtu}, without IPv6 or any address. The
     * bridge's alias records {@code owner}, so that a sweep only ever removes this peer's bridges: another
     * PeerOS instance in the same network namespace (a test peer, a second installation) keeps its own.
     */
    void ensureBridge(String name, int mtu, String owner) {
        if (!exists(name)) {
            ip("link", "add", "name", name, "type", "bridge");
        }
        ip("link", "set", "dev", name, "alias", owner);
        // No IPv6 link-local address either: the host takes no part in the environment's network.
        ip("link", "set", "dev", name, "addrgenmode", "none");
        ip("link", "set", "dev", name, "mtu", Integer.toString(mtu), "up");
    }

    /** Puts {@code port} (the swarm's TAP) into {@code bridge}. */
    void enslave(String port, String bridge, int mtu) {
        ip("link", "set", "dev", port, "mtu", Integer.toString(mtu), "master", bridge, "up");
    }

    /** Deletes the interface if it exists. */
    void delete(String name) {
        if (exists(name)) {
            ip("link", "del", "dev", name);
        }
    }

    /** The alias of an interface, empty when it has none. */
    String alias(String name) {
        Matcher m = ALIAS.matcher(ip("-o", "link", "show", "dev", name));
        return m.find() ? m.group(1).strip() : "";
    }

    /** The names of the interfaces that start with {@code prefix}. */
    List<String> linksStartingWith(String prefix) {
        List<String> names = new ArrayList<>();
        Matcher m = LINK_NAME.matcher(ip("-o", "link", "show"));
        while (m.find()) {
            if (m.group(1).startsWith(prefix)) {
                names.add(m.group(1));
            }
        }
        return names;
    }

    /** The IPv4 networks of this host's addresses (every interface), e.g. {@code 192.168.1.0/24}. */
    List<Ipv4Cidr> hostNetworks() {
        List<Ipv4Cidr> networks = new ArrayList<>();
        Matcher m = INET.matcher(ip("-o", "-4", "addr", "show"));
        while (m.find()) {
            int prefix = Integer.parseInt(m.group(2));
            int address = Ipv4Cidr.parseAddress(m.group(1), m.group(1));
            if (prefix >= 8 && (address >>> 24) != 127) {
                networks.add(new Ipv4Cidr(address & Ipv4Cidr.mask(prefix), prefix));
            }
        }
        return networks;
    }

    String ip(String... args) {
        List<String> command = new ArrayList<>();
        command.add(ip);
        command.addAll(namespace);
        command.addAll(List.of(args));
        String line = String.join(" ", command);
        try {
            Process p = new ProcessBuilder(command).start();
            p.getOutputStream().close();
            CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> read(p.getInputStream()));
            CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(p.getErrorStream()));
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new VpnException("DATAPLANE_FAILED", "'" + line + "' did not finish in " + TIMEOUT_SECONDS + " s");
            }
            if (p.exitValue() != 0) {
                throw new VpnException("DATAPLANE_FAILED", "'" + line + "' exited with " + p.exitValue() + ": "
                        + err.get().strip());
            }
            return out.get();
        } catch (IOException | java.util.concurrent.ExecutionException e) {
            throw new VpnException("DATAPLANE_FAILED", "'" + line + "' failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new VpnException("DATAPLANE_FAILED", "interrupted while running '" + line + "'", e);
        }
    }

    private static String read(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}
