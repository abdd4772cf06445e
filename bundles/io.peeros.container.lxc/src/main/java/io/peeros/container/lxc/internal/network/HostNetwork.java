package io.peeros.container.lxc.internal.network;

import io.peeros.container.api.ContainerException;
import io.peeros.container.api.PortMapping;
import io.peeros.container.api.PortMapping.Protocol;
import io.peeros.container.lxc.internal.ProcessRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Predicate;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The peer's host network: its own bridge, an IPv4 subnet whose addresses it leases to containers, and an
 * nftables table with outbound NAT, the port mappings and the rules that keep the environment bridges the
 * containers are attached to apart from every other interface (the veths on them are plugged by {@link Veths}).
 * By default the containers on the bridge reach the host but not each other: a {@code bridge} table drops the
 * frames between their ports, marked by {@link PortIsolation}. Activation brings the bridge, the tables and the
 * marks in line
 * with the recorded state (after a reboot both are gone and are made again). Deactivation leaves both in
 * place, so running containers stay reachable while the bundle is updated or the peer restarts; only
 * {@link #teardown()} removes them.
 */
@Component(service = HostNetwork.class, configurationPid = HostNetwork.PID)
@Designate(ocd = HostNetwork.Config.class)
public class HostNetwork {

    public static final String PID = "io.peeros.container.lxc.HostNetwork";

    @ObjectClassDefinition(name = "PeerOS host network")
    public @interface Config {
        @AttributeDefinition(description = "Bridge the peer creates and owns (an interface name, at most 15 "
                + "characters)")
        String bridgeName() default "peeros0";

        @AttributeDefinition(description = "IPv4 subnet of the containers (CIDR, prefix 8 to 30); the bridge takes the "
                + "first address, the containers' gateway")
        String subnet() default "10.251.0.0/16";

        @AttributeDefinition(description = "nftables table (family inet) the peer owns for NAT and port mappings")
        String nftTable() default "peeros";

        @AttributeDefinition(description = "Masquerade traffic from the containers to other networks (outbound NAT)")
        boolean masquerade() default true;

        @AttributeDefinition(description = "Keep the containers on the bridge from reaching each other (each "
                + "container's port is isolated); they still reach the host, its NAT and the port mappings")
        boolean isolateContainers() default true;

        @AttributeDefinition(description = "Directory of the leases and port mappings; empty means "
                + "${karaf.data}/peeros/network")
        String stateDirectory() default "";
    }

    private static final Logger LOG = LoggerFactory.getLogger(HostNetwork.class);

    private final NetworkSettings settings;
    private final ExecutorService pumps;
    private final StateFile stateFile;
    private final Bridge bridge;
    private final NftRules rules;
    private final HostPorts hostPorts = new HostPorts();
    private final Veths veths;
    private final PortIsolation isolation;
    private NetworkState state;

    @Activate
    public HostNetwork(Config config) throws IOException {
        this.settings = NetworkSettings.from(config);
        this.pumps = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "peeros-net-io");
            t.setDaemon(true);
            return t;
        });
        try {
            HostCommands commands = new HostCommands(new ProcessRunner(pumps));
            this.bridge = new Bridge(commands, settings);
            this.rules = new NftRules(commands, settings);
            this.veths = new Veths(commands);
            this.isolation = new PortIsolation(settings);
            this.stateFile = new StateFile(settings.stateDir().resolve("state"));
            Files.createDirectories(settings.stateDir(), PosixFilePermissions.asFileAttribute(
                    PosixFilePermissions.fromString("rwx------")));
            this.state = load();
            boolean created = bridge.ensure();
            rules.apply(state);
            int ports = isolation.apply();
            LOG.info("host network: bridge {} ({}), gateway {} on {}, table inet {}, {} leases, {} port mappings, "
                    + "containers {} ({} running)", settings.bridge(), created ? "created" : "present",
                    Ipv4Subnet.format(settings.subnet().gateway()), settings.subnet(), settings.table(),
                    state.leases().size(), state.ports().size(),
                    settings.isolateContainers() ? "isolated" : "not isolated", ports);
        } catch (IOException | RuntimeException e) {
            pumps.shutdownNow();
            throw e;
        }
    }

    /** Leaves the bridge, the rules and the leases in place: the containers keep running and reachable. */
    @Deactivate
    public void deactivate() {
        pumps.shutdownNow();
    }

    private NetworkState load() throws IOException {
        NetworkState loaded;
        try {
            loaded = NetworkState.parse(stateFile.read());
        } catch (IllegalArgumentException e) {
            throw new IOException(stateFile.path() + ": " + e.getMessage(), e);
        }
        loaded.leases().values().stream().filter(l -> !settings.subnet().contains(l.address()))
                .forEach(l -> LOG.warn("container {} holds {}, outside the subnet {}: it has no gateway until it is "
                        + "created again", l.container(), l.dotted(), settings.subnet()));
        return loaded;
    }

    public NetworkSettings settings() {
        return settings;
    }

    /**
     * The container's {@code lxc.net.0.*} configuration: a veth on the bridge with its leased address, taking a
     * new lease (the lowest free address) if it has none. The {@code script.up} hook marks its port on the
     * bridge at every start ({@link PortIsolation}).
     */
    public synchronized List<String> attach(String container, Path lxcPath) {
        Lease lease = state.lease(container).orElse(null);
        if (lease == null) {
            OptionalInt free = state.freeAddress(settings.subnet());
            if (free.isEmpty()) {
                throw new ContainerException(ContainerException.NETWORK_FAILURE, "no free address left in "
                        + settings.subnet() + " for container " + container);
            }
            lease = new Lease(container, free.getAsInt(), lxcPath.toString());
            commit(state.withLease(lease));
        }
        Ipv4Subnet subnet = settings.subnet();
        return List.of("lxc.net.0.type = veth", "lxc.net.0.link = " + settings.bridge(), "lxc.net.0.flags = up",
                "lxc.net.0.name = eth0", "lxc.net.0.hwaddr = " + lease.hwaddr(),
                "lxc.net.0.ipv4.address = " + lease.dotted() + "/" + subnet.prefix() + " "
                        + Ipv4Subnet.format(subnet.broadcast()),
                "lxc.net.0.ipv4.gateway = " + Ipv4Subnet.format(subnet.gateway()),
                "lxc.net.0.script.up = " + isolation.hook());
    }

    public synchronized Optional<Lease> lease(String container) {
        return state.lease(container);
    }

    /** Gives back the container's address and removes its port mappings. */
    public synchronized void release(String container) {
        if (state.lease(container).isPresent() || !state.ports(container).isEmpty()) {
            commit(state.without(container));
        }
    }

    /**
     * Releases the leases of containers of {@code lxcPath} that no longer exist (destroyed while the peer was
     * not running, or by hand). Leases of other LXC paths are left alone.
     */
    public synchronized List<String> prune(Path lxcPath, Predicate<String> exists) {
        List<String> gone = new ArrayList<>();
        NetworkState next = state;
        for (Lease l : state.leases().values()) {
            if (l.lxcPath().equals(lxcPath.toString()) && !exists.test(l.container())) {
                gone.add(l.container());
                next = next.without(l.container());
            }
        }
        if (!gone.isEmpty()) {
            LOG.info("released the addresses and port mappings of containers that no longer exist: {}", gone);
            commit(next);
        }
        return gone;
    }

    public synchronized PortMapping map(String container, Protocol protocol, int hostPort, int containerPort) {
        PortMapping wanted = new PortMapping(container, protocol, checkPort("host", hostPort),
                checkPort("container", containerPort));
        if (state.lease(container).isEmpty()) {
            throw new ContainerException(ContainerException.INVALID_STATE, "container " + container
                    + " has no address from the peer's network, so no port can be mapped to it");
        }
        Optional<PortMapping> held = state.port(protocol, hostPort);
        if (held.isPresent()) {
            if (held.get().equals(wanted)) {
                return wanted;
            }
            throw new ContainerException(ContainerException.PORT_TAKEN, "host port " + hostPort + "/"
                    + protocol.lowerCase() + " is already mapped to " + held.get().container() + ":"
                    + held.get().containerPort());
        }
        hostPorts.holder(protocol, hostPort).ifPresent(socket -> {
            throw new ContainerException(ContainerException.PORT_TAKEN, "host port " + hostPort + "/"
                    + protocol.lowerCase() + " is in use by a process of the host (socket " + socket + ")");
        });
        commit(state.withPort(wanted));
        return wanted;
    }

    public synchronized void unmap(String container, Protocol protocol, int hostPort) {
        Optional<PortMapping> held = state.port(protocol, hostPort);
        if (held.isEmpty() || !held.get().container().equals(container)) {
            throw new ContainerException(ContainerException.NOT_FOUND, "container " + container + " has no mapping of "
                    + "host port " + hostPort + "/" + protocol.lowerCase());
        }
        commit(state.withoutPort(protocol, hostPort));
    }

    /**
     * Records that {@code container} is attached to exactly the environment {@code bridges}; the rules keep the
     * union of all containers' bridges apart from every other interface. Applied before the return.
     */
    public synchronized void environment(String container, Set<String> bridges) {
        if (!state.bridges(container).equals(bridges)) {
            commit(state.withBridges(container, bridges));
        }
    }

    /** The environment bridges {@code container} is recorded as attached to. */
    public synchronized Set<String> environment(String container) {
        return state.bridges(container);
    }

    /** Whether {@code name} is a bridge of this host. */
    public boolean isBridge(String name) {
        return Files.isDirectory(Path.of("/sys/class/net", name, "bridge"));
    }

    /** The attached interfaces of running containers, made and removed with {@code ip}. */
    public Veths veths() {
        return veths;
    }

    public synchronized List<PortMapping> ports(String container) {
        return state.ports(container);
    }

    public synchronized List<PortMapping> ports() {
        return state.ports();
    }

    /**
     * Removes the bridge, the nftables tables (inet, and bridge if the containers are isolated) and the port hook: the
     * explicit teardown (deactivation never does it). The leases stay recorded, so containers get their
     * addresses back if the network is activated again.
     */
    public synchronized void teardown() {
        rules.remove();
        bridge.remove();
        try {
            isolation.remove();
        } catch (IOException e) {
            LOG.warn("could not remove the port hook {}: {}", isolation.hook(), e.getMessage());
        }
        LOG.info("host network torn down: bridge {} and table {} removed", settings.bridge(), settings.table());
    }

    /** Applies the rules of {@code next} if its mappings differ, then records it; on failure nothing changes. */
    private void commit(NetworkState next) {
        boolean rulesChange = !next.ports().equals(state.ports())
                || !next.environmentBridges().equals(state.environmentBridges());
        try {
            if (rulesChange) {
                rules.apply(next);
            }
            try {
                stateFile.write(next.serialize());
            } catch (IOException e) {
                if (rulesChange) {
                    rules.apply(state);
                }
                throw e;
            }
        } catch (IOException e) {
            throw new ContainerException(ContainerException.NETWORK_FAILURE, "could not record the host network "
                    + "state in " + stateFile.path() + ": " + e.getMessage(), e);
        }
        state = next;
    }

    private static int checkPort(String which, int port) {
        if (port < 1 || port > 65535) {
            throw new ContainerException(ContainerException.INVALID_REQUEST, which + " port must be 1 to 65535, not "
                    + port);
        }
        return port;
    }
}
