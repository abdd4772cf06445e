package io.peeros.container.lxc.internal.network;

import io.peeros.container.api.ContainerException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * The peer's bridge, set up with {@code ip}: created if missing, with a fixed MAC (a bridge otherwise takes
 * the lowest MAC of its ports, and the gateway's MAC would change as containers come and go), the gateway
 * address, up; IPv4 forwarding on; {@code route_localnet} on the bridge only, so that the host can reach a
 * mapped port on 127.0.0.1. Every step is idempotent: activation runs them all, every time.
 */
final class Bridge {

    private static final Set<String> ROUTE_TYPES = Set.of("unicast", "local", "broadcast", "multicast", "throw",
            "unreachable", "prohibit", "blackhole", "nat", "anycast");

    private final HostCommands commands;
    private final NetworkSettings settings;
    private final Path sysNet;
    private final Path procIpv4;

    Bridge(HostCommands commands, NetworkSettings settings) {
        this.commands = commands;
        this.settings = settings;
        this.sysNet = Path.of("/sys/class/net");
        this.procIpv4 = Path.of("/proc/sys/net/ipv4");
    }

    boolean exists() {
        return Files.exists(sysNet.resolve(settings.bridge()));
    }

    /** Creates or completes the bridge. Returns whether it had to be created. */
    boolean ensure() throws IOException {
        refuseOverlaps(commands.ip("-4", "route", "show", "table", "main"));
        String name = settings.bridge();
        Ipv4Subnet subnet = settings.subnet();
        boolean created = false;
        if (!exists()) {
            commands.ip("link", "add", "name", name, "address", Lease.hwaddr(subnet.gateway()), "type",
                    "bridge");
            created = true;
        } else if (!Files.isDirectory(sysNet.resolve(name).resolve("bridge"))) {
            throw new ContainerException(ContainerException.NETWORK_FAILURE, "interface " + name
                    + " exists and is not a bridge; configure another bridgeName in " + HostNetwork.PID);
        }
        commands.ip("addr", "replace", Ipv4Subnet.format(subnet.gateway()) + "/" + subnet.prefix(), "broadcast",
                Ipv4Subnet.format(subnet.broadcast()), "dev", name);
        commands.ip("link", "set", name, "up");
        sysctl(procIpv4.resolve("ip_forward"));
        sysctl(procIpv4.resolve("conf").resolve(name).resolve("route_localnet"));
        return created;
    }

    void remove() {
        if (exists()) {
            commands.ip("link", "del", settings.bridge());
        }
    }

    /**
     * Refuses a subnet that overlaps a route of another interface: the containers' addresses would shadow
     * or be shadowed by that network. The default route does not count.
     */
    void refuseOverlaps(String routes) {
        for (String line : routes.lines().toList()) {
            List<String> f = List.of(line.strip().split("\\s+"));
            int i = !f.isEmpty() && ROUTE_TYPES.contains(f.get(0)) ? 1 : 0;
            if (f.size() <= i || f.get(i).equals("default") || f.get(i).isEmpty()) {
                continue;
            }
            int dev = f.indexOf("dev");
            if (dev > 0 && dev + 1 < f.size() && f.get(dev + 1).equals(settings.bridge())) {
                continue;
            }
            String dest = f.get(i);
            int slash = dest.indexOf('/');
            int prefix;
            int network;
            try {
                network = Ipv4Subnet.parseAddress(slash < 0 ? dest : dest.substring(0, slash));
                prefix = slash < 0 ? 32 : Integer.parseInt(dest.substring(slash + 1));
            } catch (IllegalArgumentException e) {
                continue;
            }
            if (settings.subnet().overlaps(network, prefix)) {
                throw new ContainerException(ContainerException.NETWORK_FAILURE, "subnet " + settings.subnet()
                        + " overlaps the route '" + line.strip() + "'; configure another subnet in " + HostNetwork.PID);
            }
        }
    }

    private static void sysctl(Path file) throws IOException {
        if (!Files.readString(file).strip().equals("1")) {
            Files.writeString(file, "1\n");
        }
    }
}
