package io.peeros.registry.internal;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Optional;

/** The registry's configuration with every default resolved; built once per activation. */
record RegistrySettings(String name, URI publicUrl, URI peerUrl, Path stateDir, Duration requestTtl,
        int maxCodeTries, int maxPendingRequests, Duration heartbeat, int offlineAfterMisses,
        Duration connectTimeout, Duration requestTimeout) {

    static final int PUBLIC_PORT = 8443;
    static final int PEER_PORT = 8444;

    /**
     * @throws IllegalArgumentException naming the property when a value is unusable
     */
    static RegistrySettings from(PeerRegistryService.Config c) {
        String host = firstIpv4();
        URI publicUrl = url("publicUrl", c.publicUrl(), "https://" + host + ":" + PUBLIC_PORT);
        URI peerUrl = url("peerUrl", c.peerUrl(), "https://" + publicUrl.getHost() + ":" + PEER_PORT);
        String name = c.name() == null || c.name().isBlank() ? hostName() : c.name().strip();
        return new RegistrySettings(name, publicUrl, peerUrl, stateDir(c.stateDir()),
                Duration.ofSeconds(positive("requestTtlSeconds", c.requestTtlSeconds())),
                positive("maxCodeTries", c.maxCodeTries()), positive("maxPendingRequests", c.maxPendingRequests()),
                Duration.ofSeconds(positive("heartbeatSeconds", c.heartbeatSeconds())),
                positive("offlineAfterMisses", c.offlineAfterMisses()),
                Duration.ofMillis(positive("connectTimeoutMillis", c.connectTimeoutMillis())),
                Duration.ofMillis(positive("requestTimeoutMillis", c.requestTimeoutMillis())));
    }

    private static URI url(String property, String configured, String fallback) {
        String text = configured == null || configured.isBlank() ? fallback : configured;
        URI url = PeerUrls.parse(text).orElseThrow(() -> new IllegalArgumentException(
                "io.peeros.registry.PeerRegistry " + property + " '" + text + "' is not a URL"));
        PeerUrls.problem(url).ifPresent(problem -> {
            throw new IllegalArgumentException(
                    "io.peeros.registry.PeerRegistry " + property + " '" + text + "' is unusable: " + problem);
        });
        return PeerUrls.normalize(url);
    }

    private static Path stateDir(String configured) {
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured.strip());
        }
        String data = System.getProperty("karaf.data");
        return Path.of(data == null || data.isBlank() ? "data" : data, "peeros", "registry");
    }

    private static int positive(String property, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(
                    "io.peeros.registry.PeerRegistry " + property + " must be positive, not " + value);
        }
        return value;
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "peer";
        }
    }

    /** The first non-loopback IPv4 address of an interface that is up, else 127.0.0.1. */
    static String firstIpv4() {
        try {
            Optional<String> address = NetworkInterface.networkInterfaces()
                    .filter(RegistrySettings::isUp)
                    .sorted(Comparator.comparingInt(NetworkInterface::getIndex))
                    .flatMap(NetworkInterface::inetAddresses)
                    .filter(a -> a instanceof Inet4Address && !a.isLoopbackAddress() && !a.isLinkLocalAddress())
                    .map(InetAddress::getHostAddress)
                    .findFirst();
            return address.orElse("127.0.0.1");
        } catch (SocketException e) {
            return "127.0.0.1";
        }
    }

    private static boolean isUp(NetworkInterface nic) {
        try {
            return nic.isUp() && !nic.isLoopback();
        } catch (SocketException e) {
            return false;
        }
    }
}
