package io.peeros.environment.internal.workflow;

import io.peeros.container.api.PortMapping;
import io.peeros.environment.api.Blueprint;
import io.peeros.environment.api.ContainerGroup;
import io.peeros.environment.api.EnvironmentContainer;
import io.peeros.environment.api.EnvironmentException;
import io.peeros.environment.api.ExposedPort;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The host ports a plan takes on each peer: a group's exposed TCP and UDP ports become port mappings on the peer
 * that hosts each of its containers. A port without {@code hostPort} gets the first host port from
 * {@link #AUTO_FIRST} upward (from a point that depends on the environment) that the environment does not
 * already take on that peer. Two containers of an environment never take one host port of one peer.
 */
final class Ports {

    static final int AUTO_FIRST = 20000;
    static final int AUTO_LAST = 29999;

    /** Who holds each {@code protocol/hostPort} on each peer: peer id to key to container hostname and group. */
    private final Map<String, Map<String, EnvironmentContainer>> taken = new HashMap<>();
    private final int autoStart;

    Ports(String environmentId, List<EnvironmentContainer> existing) {
        this.autoStart = AUTO_FIRST + Math.floorMod(environmentId.hashCode(), 500) * 20;
        existing.forEach(c -> c.ports().forEach(m -> holders(c.peerId()).put(key(m.protocol(), m.hostPort()), c)));
    }

    /**
     * Refuses what the peers cannot expose yet: HTTP and HTTPS ports need a reverse proxy by domain.
     *
     * @throws EnvironmentException INVALID_REQUEST naming the field
     */
    static void refuseUnsupported(Blueprint blueprint) {
        List<ContainerGroup> groups = blueprint.containers();
        for (int i = 0; i < groups.size(); i++) {
            List<ExposedPort> ports = groups.get(i).ports();
            for (int j = 0; j < ports.size(); j++) {
                ExposedPort.Protocol p = ports.get(j).protocol();
                if (p == ExposedPort.Protocol.HTTP || p == ExposedPort.Protocol.HTTPS) {
                    throw new EnvironmentException("INVALID_REQUEST", "containers[" + i + "].ports[" + j
                            + "].protocol: HTTP/HTTPS exposure needs the reverse proxy, which PeerOS does not have "
                            + "yet; use tcp");
                }
            }
        }
    }

    /**
     * The mappings of a container of {@code group} placed on {@code peerId}, taken from now on.
     *
     * @throws EnvironmentException PORT_CONFLICT naming both containers when a fixed host port is taken
     */
    List<PortMapping> take(ContainerGroup group, EnvironmentContainer container, String peerLabel) {
        Map<String, EnvironmentContainer> holders = holders(container.peerId());
        List<PortMapping> mappings = new ArrayList<>();
        for (ExposedPort port : group.ports()) {
            PortMapping.Protocol protocol = protocol(port.protocol());
            int hostPort = port.hostPort() != null ? port.hostPort() : free(holders, protocol);
            EnvironmentContainer holder = holders.get(key(protocol, hostPort));
            if (holder != null) {
                String what = protocol.lowerCase() + " host port " + hostPort + " on peer " + peerLabel;
                throw new EnvironmentException("PORT_CONFLICT", holder.group().equals(group.name())
                        ? "group '" + group.name() + "' has " + group.count() + " containers and the fixed " + what
                                + ": " + holder.hostname() + " and " + container.hostname()
                                + " cannot both take it; drop hostPort or spread the group over peers"
                        : "containers " + holder.hostname() + " (group '" + holder.group() + "') and "
                                + container.hostname() + " (group '" + group.name() + "') both ask for " + what);
            }
            holders.put(key(protocol, hostPort), container);
            mappings.add(new PortMapping(container.name(), protocol, hostPort, port.port()));
        }
        return mappings;
    }

    private int free(Map<String, EnvironmentContainer> holders, PortMapping.Protocol protocol) {
        int span = AUTO_LAST - AUTO_FIRST + 1;
        for (int i = 0; i < span; i++) {
            int candidate = AUTO_FIRST + Math.floorMod(autoStart - AUTO_FIRST + i, span);
            if (!holders.containsKey(key(protocol, candidate))) {
                return candidate;
            }
        }
        throw new EnvironmentException("PORT_CONFLICT", "no free " + protocol.lowerCase() + " host port left in "
                + AUTO_FIRST + "-" + AUTO_LAST);
    }

    private Map<String, EnvironmentContainer> holders(String peerId) {
        return taken.computeIfAbsent(peerId, p -> new HashMap<>());
    }

    private static PortMapping.Protocol protocol(ExposedPort.Protocol p) {
        return p == ExposedPort.Protocol.UDP ? PortMapping.Protocol.UDP : PortMapping.Protocol.TCP;
    }

    private static String key(PortMapping.Protocol protocol, int hostPort) {
        return protocol + "/" + hostPort;
    }

}
