package io.peeros.environment.api;

import java.util.Objects;

/**
 * A container port reachable from outside the environment.
 *
 * @param port the port in the container, 1 to 65535
 * @param protocol how it is reached
 * @param hostPort the port on the peer's host, or {@code null} to let the peer choose
 * @param domain the domain name an HTTP(S) port is served under (Subutai's port mapping), or {@code null}
 */
public record ExposedPort(int port, Protocol protocol, Integer hostPort, String domain) {

    /** The protocol of an exposed port. */
    public enum Protocol {
        /** Plain TCP forwarding (the default). */
        TCP,
        /** UDP forwarding. */
        UDP,
        /** HTTP behind the peer's reverse proxy, by domain. */
        HTTP,
        /** HTTPS behind the peer's reverse proxy, by domain. */
        HTTPS
    }

    public ExposedPort {
        Objects.requireNonNull(protocol, "protocol");
    }
}
