package io.peeros.rest.internal;

import java.time.Duration;

/**
 * The parsed, checked configuration of {@link RestServer}. Two equal settings describe the same servers, so
 * a configuration update that changes nothing leaves the ports alone.
 */
record RestSettings(String host, int publicPort, int peerPort, int rateLimitRequests, Duration rateLimitPeriod) {

    static RestSettings of(RestServer.Config config) {
        String host = config.host() == null || config.host().isBlank() ? "0.0.0.0" : config.host().strip();
        checkPort("publicPort", config.publicPort());
        checkPort("peerPort", config.peerPort());
        if (config.publicPort() == config.peerPort()) {
            throw new IllegalArgumentException("publicPort and peerPort are both " + config.publicPort()
                    + ": the public and the mutual-TLS port must differ");
        }
        if (config.rateLimitRequests() < 1 || config.rateLimitSeconds() < 1) {
            throw new IllegalArgumentException("rateLimitRequests and rateLimitSeconds must be at least 1, not "
                    + config.rateLimitRequests() + " and " + config.rateLimitSeconds());
        }
        return new RestSettings(host, config.publicPort(), config.peerPort(), config.rateLimitRequests(),
                Duration.ofSeconds(config.rateLimitSeconds()));
    }

    private static void checkPort(String name, int port) {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException(name + " " + port + " is not a TCP port (1-65535)");
        }
    }
}
