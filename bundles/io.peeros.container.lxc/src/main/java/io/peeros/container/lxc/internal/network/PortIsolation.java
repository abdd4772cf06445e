package io.peeros.container.lxc.internal.network;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Marks the containers' ports on the peer's bridge, so that the {@code bridge} table of {@link NftRules} can
 * tell them apart: each host veth of a container's eth0 is put in the interface group {@link #group()}, derived
 * from the bridge's name. LXC names the host veth anew at every start, so the group is set by a hook LXC runs as
 * {@code lxc.net.0.script.up} once the veth is on the bridge ({@code <stateDir>/port-up}, the veth's name being
 * its last argument); if the hook fails, the container does not start. Activation writes the hook and sets the
 * group of the veths already on the bridge (containers created before the hook existed, while they run).
 *
 * <p>Why a group and not the bridge: the rule that would name the bridge ({@code meta ibrname}) needs
 * {@code CONFIG_NFT_BRIDGE_META}, which kernels are built without (the rule is refused with "Operation not
 * supported"). Why not bridge port isolation ({@code brport/isolated}): it also drops a container's connection to
 * a port mapped to another container (with {@code br_netfilter} the host bridges such DNATed frames from port to
 * port instead of routing them), and no rule can make an exception for it.
 */
final class PortIsolation {

    private static final Path NET = Path.of("/sys/class/net");

    private final NetworkSettings settings;

    PortIsolation(NetworkSettings settings) {
        this.settings = settings;
    }

    /** The interface group of the containers' ports: {@code 0x5045} ("PE") and 16 bits of the bridge's name. */
    static int group(String bridge) {
        return 0x50450000 | (bridge.hashCode() & 0xffff);
    }

    /** The hook every container's {@code lxc.net.0.script.up} names. */
    Path hook() {
        return settings.stateDir().resolve("port-up");
    }

    String render() {
        return "#!/bin/sh\n# Written by PeerOS (" + HostNetwork.PID + "). Do not edit: it is replaced whole.\n"
                + "# LXC runs it as lxc.net.0.script.up with: <container> net up veth <bridge> <host veth>. It puts\n"
                + "# the host veth (the last argument) in the group of the containers' ports on " + settings.bridge()
                + ".\nfor port; do :; done\necho " + group(settings.bridge()) + " > \"/sys/class/net/$port/netdev_group\"\n";
    }

    /** Writes the hook and puts the container veths on the bridge in the group; returns how many. */
    int apply() throws IOException {
        Path next = settings.stateDir().resolve("port-up.next");
        Files.writeString(next, render());
        Files.setPosixFilePermissions(next, PosixFilePermissions.fromString("rwx------"));
        Files.move(next, hook(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        int set = 0;
        Path ports = NET.resolve(settings.bridge()).resolve("brif");
        if (Files.isDirectory(ports)) {
            try (DirectoryStream<Path> dir = Files.newDirectoryStream(ports, "veth*")) {
                for (Path port : dir) {
                    Files.writeString(NET.resolve(port.getFileName()).resolve("netdev_group"),
                            Integer.toString(group(settings.bridge())));
                    set++;
                }
            }
        }
        return set;
    }

    void remove() throws IOException {
        Files.deleteIfExists(hook());
    }
}
