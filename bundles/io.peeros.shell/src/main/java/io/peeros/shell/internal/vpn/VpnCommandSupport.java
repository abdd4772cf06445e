package io.peeros.shell.internal.vpn;

import io.peeros.container.api.ContainerManager;
import io.peeros.registry.api.PeerRegistry;
import io.peeros.registry.api.RemotePeer;
import io.peeros.shell.internal.CommandFailure;
import io.peeros.shell.internal.Format;
import io.peeros.shell.internal.ShellCommandSupport;
import io.peeros.vpn.api.DropCause;
import io.peeros.vpn.api.PathKind;
import io.peeros.vpn.api.Swarm;
import io.peeros.vpn.api.SwarmMember;
import io.peeros.vpn.api.SwarmService;
import io.peeros.vpn.api.VpnStats;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.support.table.ShellTable;

/**
 * Base of the {@code vpn:*} commands. The swarm service is optional: the commands stay listed when the VPN
 * bundle does not run, and say so when called. The peer registry, when present, gives members their names.
 */
public abstract class VpnCommandSupport extends ShellCommandSupport {

    /** The code of a command called while the swarm service is absent. */
    public static final String UNAVAILABLE = "VPN_UNAVAILABLE";
    /** The code of a swarm this peer has not joined. */
    public static final String NOT_FOUND = "SWARM_NOT_FOUND";

    @Reference(optional = true)
    SwarmService swarms;

    @Reference(optional = true)
    PeerRegistry registry;

    /** For {@code vpn:attach} and {@code vpn:detach}. */
    @Reference(optional = true)
    ContainerManager containers;

    /** For handshake ages ("4s ago"); tests set a fixed clock. */
    Clock clock = Clock.systemDefaultZone();

    /** The swarm service, or a refusal naming what is missing. */
    SwarmService service() {
        if (swarms == null) {
            throw new CommandFailure("the VPN service is not available: is the PeerOS VPN bundle installed and"
                    + " started?", UNAVAILABLE);
        }
        return swarms;
    }

    /** The container manager, or a refusal naming what is missing. */
    ContainerManager containers() {
        if (containers == null) {
            throw new CommandFailure("the container service is not available: is the PeerOS container bundle"
                    + " installed and started?", "CONTAINERS_UNAVAILABLE");
        }
        return containers;
    }

    /** A joined swarm, or a refusal naming it. */
    Swarm swarm(String id) {
        return service().get(id).orElseThrow(() -> notFound(id));
    }

    static CommandFailure notFound(String id) {
        return new CommandFailure("this peer has not joined a swarm '" + id + "'", NOT_FOUND);
    }

    /** Prints a swarm as {@code vpn:show} does: its properties, its members, then the drops by cause. */
    void printSwarm(Swarm swarm) {
        Map<String, String> names = peerNames();
        ShellTable properties = propertyTable();
        properties.addRow().addContent("Swarm", swarm.id());
        properties.addRow().addContent("Interface", orDash(swarm.interfaceName()));
        properties.addRow().addContent("Bridge", orDash(swarm.bridge()));
        properties.addRow().addContent("Subnet", swarm.subnet().orElse("-"));
        properties.addRow().addContent("MTU", swarm.mtu() > 0 ? Integer.toString(swarm.mtu()) : "-");
        properties.addRow().addContent("Members", up(swarm) + " up of " + swarm.members().size());
        properties.addRow().addContent("Received", traffic(swarm.stats().rxBytes(), swarm.stats().rxPackets()));
        properties.addRow().addContent("Sent", traffic(swarm.stats().txBytes(), swarm.stats().txPackets()));
        properties.addRow().addContent("Handshakes", swarm.stats().handshakes());
        properties.addRow().addContent("Dropped", swarm.stats().dropped());
        properties.print(System.out);
        System.out.println();

        Instant now = clock.instant();
        ShellTable members = new ShellTable().emptyTableText("No other members.");
        members.column("Peer");
        members.column("Endpoint");
        members.column("Path");
        members.column("RTT").alignRight();
        members.column("Handshake");
        members.column("Rx").alignRight();
        members.column("Tx").alignRight();
        for (SwarmMember member : swarm.members()) {
            members.addRow().addContent(peer(member.peerId(), names), member.endpoint().orElse("-"), path(member),
                    rtt(member.rtt().orElse(null)), Format.ago(member.lastHandshake().orElse(null), now),
                    traffic(member.stats().rxBytes(), member.stats().rxPackets()),
                    traffic(member.stats().txBytes(), member.stats().txPackets()));
        }
        members.print(System.out);

        System.out.println();
        ShellTable drops = new ShellTable().emptyTableText("No datagrams dropped.");
        drops.column("Dropped from");
        drops.column("Cause");
        drops.column("Count").alignRight();
        for (SwarmMember member : swarm.members()) {
            addDrops(drops, peer(member.peerId(), names), member.stats());
        }
        addDrops(drops, "total", swarm.stats());
        drops.print(System.out);
    }

    /** How many members have a working path. */
    static long up(Swarm swarm) {
        return swarm.members().stream().filter(m -> m.path() != PathKind.NONE).count();
    }

    /** {@code 1.5 MiB (1200 pkts)}. */
    static String traffic(long bytes, long packets) {
        return Format.bytes(bytes) + " (" + packets + (packets == 1 ? " pkt)" : " pkts)");
    }

    /** {@code direct}, {@code relayed via <short id>} or {@code none}. */
    static String path(SwarmMember member) {
        return switch (member.path()) {
            case DIRECT -> "direct";
            case RELAYED -> member.relayPeerId().map(id -> "relayed via " + Format.shortId(id)).orElse("relayed");
            case NONE -> "none";
        };
    }

    /** Milliseconds with two decimals, {@code -} before the first measurement. */
    static String rtt(Duration rtt) {
        return rtt == null ? "-" : String.format(Locale.ROOT, "%.2f ms", rtt.toNanos() / 1_000_000.0);
    }

    /** The lower-case name of a drop cause, as in {@code bad_mac}. */
    static String cause(DropCause cause) {
        return cause.name().toLowerCase(Locale.ROOT);
    }

    /** A peer as its first 12 characters and, when the registry knows it, its name. */
    static String peer(String id, Map<String, String> names) {
        String name = names.get(id);
        return name == null ? Format.shortId(id) : Format.shortId(id) + " (" + name + ")";
    }

    /** The names of every peer the registry knows, this one included; empty without a registry. */
    Map<String, String> peerNames() {
        Map<String, String> names = new HashMap<>();
        if (registry != null) {
            for (RemotePeer peer : registry.peers()) {
                names.put(peer.id(), peer.name());
            }
            names.put(registry.localInfo().id(), registry.localInfo().name());
        }
        return names;
    }

    private static void addDrops(ShellTable table, String from, VpnStats stats) {
        for (DropCause cause : DropCause.values()) {
            long count = stats.dropped(cause);
            if (count > 0) {
                table.addRow().addContent(from, cause(cause), count);
            }
        }
    }

    static String orDash(String value) {
        return value == null || value.isEmpty() ? "-" : value;
    }
}
