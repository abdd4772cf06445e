package io.peeros.container.lxc.internal.network;

import io.peeros.container.api.PortMapping;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The peer's nftables table, {@code inet <table>}, rendered whole from the network state and applied in one
 * transaction ({@code nft -f}): the file first declares the table, deletes it and defines it again, so the
 * kernel swaps the old rules for the new at once and no rule is ever duplicated or left behind. Conntrack
 * entries, and with them the NAT of open connections, are not touched. The last applied ruleset is kept
 * beside the state as {@code rules.nft} for operators.
 *
 * <p>The {@code forward} chain keeps each environment bridge (a bridge containers are attached to) to itself:
 * the host routes nothing into or out of it, so no packet goes between it and the peer's bridge, another
 * environment bridge or any other interface. Traffic bridged within it passes: with {@code br_netfilter} such
 * packets reach this hook too, with the bridge as both input and output interface.
 *
 * <p>With {@link NetworkSettings#isolateContainers()} the same file also defines {@code bridge <table>}, whose
 * {@code forward} chain drops every frame the peer's bridge would forward from one container's port to another's
 * (the ports {@link PortIsolation} puts in its group), whatever its protocol (ARP, IPv4, IPv6). Frames to and from
 * the bridge device itself are not forwarded, so the host, its NAT and the port mappings stay reachable. One
 * exception: a container's connection to a port mapped to another container. With {@code br_netfilter} the host
 * bridges such DNATed packets from port to port rather than routing them, so the inet {@code isolation} chain
 * marks them ({@link #DNAT_MARK}, a packet mark, which never crosses into a container's namespace) and the
 * bridge chain lets marked frames pass. Without the setting the file deletes the bridge table.
 */
final class NftRules {

    /** The packet mark bit of the DNATed packets the peer's bridge forwards between two containers. */
    static final String DNAT_MARK = "0x00100000";

    private final HostCommands commands;
    private final NetworkSettings settings;

    NftRules(HostCommands commands, NetworkSettings settings) {
        this.commands = commands;
        this.settings = settings;
    }

    String render(NetworkState state) {
        String t = "inet " + settings.table();
        String bridge = '"' + settings.bridge() + '"';
        String subnet = settings.subnet().toString();
        StringBuilder s = new StringBuilder("# Written by PeerOS (" + HostNetwork.PID + ") from "
                + settings.stateDir().resolve("state") + ". Do not edit: it is replaced whole.\n");
        s.append("table ").append(t).append(" {}\ndelete table ").append(t).append("\ntable ").append(t).append(" {\n");
        s.append("\tchain ports {\n");
        for (PortMapping p : state.ports()) {
            state.lease(p.container()).ifPresent(l -> s.append("\t\t").append(p.protocol().lowerCase())
                    .append(" dport ").append(p.hostPort()).append(" dnat ip to ").append(l.dotted()).append(':')
                    .append(p.containerPort()).append(" comment \"").append(p.container()).append("\"\n"));
        }
        s.append("\t}\n");
        s.append("\tchain prerouting {\n\t\ttype nat hook prerouting priority dstnat; policy accept;\n")
                .append("\t\tmeta nfproto ipv4 fib daddr type local jump ports\n\t}\n");
        s.append("\tchain output {\n\t\ttype nat hook output priority -100; policy accept;\n")
                .append("\t\tmeta nfproto ipv4 fib daddr type local jump ports\n\t}\n");
        s.append("\tchain postrouting {\n\t\ttype nat hook postrouting priority srcnat; policy accept;\n");
        s.append("\t\toifname ").append(bridge).append(" ip saddr 127.0.0.0/8 masquerade")
                .append(" comment \"host to a mapped port on 127.0.0.1\"\n");
        s.append("\t\toifname ").append(bridge).append(" ip saddr ").append(subnet).append(" ct status dnat masquerade")
                .append(" comment \"container to a mapped port\"\n");
        if (settings.masquerade()) {
            s.append("\t\tip saddr ").append(subnet).append(" ip daddr != ").append(subnet).append(" oifname != ")
                    .append(bridge).append(" masquerade comment \"containers to other networks\"\n");
        }
        s.append("\t}\n");
        s.append("\tchain forward {\n\t\ttype filter hook forward priority filter; policy accept;\n");
        for (String env : state.environmentBridges()) {
            if (env.equals(settings.bridge())) {
                continue;
            }
            String q = '"' + env + '"';
            s.append("\t\tiifname ").append(q).append(" oifname != ").append(q)
                    .append(" drop comment \"environment bridge: nothing routed out\"\n");
            s.append("\t\toifname ").append(q).append(" iifname != ").append(q)
                    .append(" drop comment \"environment bridge: nothing routed in\"\n");
        }
        s.append("\t}\n");
        if (settings.isolateContainers()) {
            s.append("\tchain isolation {\n\t\ttype filter hook prerouting priority filter; policy accept;\n")
                    .append("\t\tiifname ").append(bridge).append(" ct status dnat meta mark set meta mark | ")
                    .append(DNAT_MARK).append(" comment \"container to a mapped port, bridged by br_netfilter\"\n\t}\n");
        }
        s.append("}\n");
        String b = "bridge " + settings.table();
        s.append("table ").append(b).append(" {}\ndelete table ").append(b).append('\n');
        if (settings.isolateContainers()) {
            s.append("table ").append(b).append(" {\n\tchain forward {\n")
                    .append("\t\ttype filter hook forward priority filter; policy accept;\n")
                    .append("\t\tmeta mark & ").append(DNAT_MARK).append(" == ").append(DNAT_MARK)
                    .append(" accept comment \"container to a mapped port of another\"\n")
                    .append("\t\tiifgroup ").append(PortIsolation.group(settings.bridge())).append(" oifgroup ")
                    .append(PortIsolation.group(settings.bridge()))
                    .append(" drop comment \"containers on ").append(settings.bridge()).append(" apart\"\n\t}\n}\n");
        }
        return s.toString();
    }

    /** Replaces the table with the one rendered from {@code state}. */
    void apply(NetworkState state) throws IOException {
        Path file = settings.stateDir().resolve("rules.nft");
        Path next = settings.stateDir().resolve("rules.nft.next");
        Files.createDirectories(settings.stateDir());
        Files.writeString(next, render(state));
        commands.nft("-f", next.toString());
        Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    boolean present() {
        return commands.nftSucceeds("list", "table", "inet", settings.table());
    }

    void remove() {
        if (present()) {
            commands.nft("delete", "table", "inet", settings.table());
        }
        if (commands.nftSucceeds("list", "table", "bridge", settings.table())) {
            commands.nft("delete", "table", "bridge", settings.table());
        }
    }
}
