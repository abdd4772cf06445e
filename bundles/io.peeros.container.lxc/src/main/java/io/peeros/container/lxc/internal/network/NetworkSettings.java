package io.peeros.container.lxc.internal.network;

import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * The host network's configuration, parsed and checked once from {@link HostNetwork.Config}.
 *
 * @param bridge the bridge the peer owns, a Linux interface name
 * @param subnet the containers' subnet; the bridge holds its first address, the containers' gateway
 * @param table the nftables table (family {@code inet}) the peer owns
 * @param stateDir where the leases, mappings and the last applied ruleset are kept
 * @param masquerade whether traffic from the containers to other networks is masqueraded
 * @param isolateContainers whether the containers on the bridge are kept from reaching each other (they still
 *        reach the host)
 */
public record NetworkSettings(String bridge, Ipv4Subnet subnet, String table, Path stateDir, boolean masquerade,
        boolean isolateContainers) {

    private static final Pattern INTERFACE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,14}");
    private static final Pattern TABLE = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,31}");

    static NetworkSettings from(HostNetwork.Config config) {
        String bridge = config.bridgeName().strip();
        if (!INTERFACE.matcher(bridge).matches()) {
            throw new IllegalArgumentException(HostNetwork.PID + " bridgeName '" + config.bridgeName()
                    + "' is not an interface name: 1 to 15 of letters, digits, '_', '.', '-'");
        }
        String table = config.nftTable().strip();
        if (!TABLE.matcher(table).matches()) {
            throw new IllegalArgumentException(HostNetwork.PID + " nftTable '" + config.nftTable()
                    + "' must be a letter followed by up to 31 letters, digits or '_'");
        }
        Ipv4Subnet subnet;
        try {
            subnet = Ipv4Subnet.parse(config.subnet());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(HostNetwork.PID + " subnet: " + e.getMessage(), e);
        }
        return new NetworkSettings(bridge, subnet, table, stateDir(config.stateDirectory()), config.masquerade(),
                config.isolateContainers());
    }

    private static Path stateDir(String configured) {
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured.strip()).toAbsolutePath().normalize();
        }
        String data = System.getProperty("karaf.data");
        return Path.of(data == null || data.isBlank() ? "data" : data, "peeros", "network").toAbsolutePath()
                .normalize();
    }
}
