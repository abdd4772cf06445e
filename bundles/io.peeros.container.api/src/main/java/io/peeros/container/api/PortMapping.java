package io.peeros.container.api;

import java.util.Locale;
import java.util.Objects;

/**
 * A port of the host forwarded to a port of a container: connections (TCP) or datagrams (UDP) that reach any
 * IPv4 address of the host on {@code hostPort} go to the container's peer-assigned address on
 * {@code containerPort}. A host port is held by at most one mapping per protocol. Immutable.
 *
 * @param container the container the traffic goes to
 * @param protocol TCP or UDP
 * @param hostPort the port on the host, 1 to 65535
 * @param containerPort the port in the container, 1 to 65535
 */
public record PortMapping(String container, Protocol protocol, int hostPort, int containerPort) {

    /** The transport protocol of a mapping. */
    public enum Protocol {
        TCP,
        UDP;

        /** The protocol named {@code text}, case-insensitive ({@code tcp}, {@code UDP}). */
        public static Protocol parse(String text) {
            return valueOf(Objects.requireNonNull(text, "protocol").strip().toUpperCase(Locale.ROOT));
        }

        /** The lower-case name, as nftables and {@code /etc/services} write it. */
        public String lowerCase() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public PortMapping {
        Objects.requireNonNull(container, "container");
        Objects.requireNonNull(protocol, "protocol");
    }

    @Override
    public String toString() {
        return hostPort + "/" + protocol.lowerCase() + " -> " + container + ":" + containerPort;
    }
}
