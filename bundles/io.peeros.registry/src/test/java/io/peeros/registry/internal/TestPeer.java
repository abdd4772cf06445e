package io.peeros.registry.internal;

import io.peeros.identity.api.PeerIdentity;
import io.peeros.identity.api.TrustService;
import java.net.URI;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** One peer of a {@link TestNetwork}: its own keys, trust store, state directory and registry. */
final class TestPeer {

    final String host;
    final PeerIdentity identity;
    final TrustService trust;
    final Path stateDir;
    final Map<String, Object> config = new HashMap<>();
    private final TestNetwork network;
    private final MutableClock clock;
    PeerRegistryService registry;

    TestPeer(TestNetwork network, String host, Path stateDir, MutableClock clock) {
        this(network, host, stateDir, clock, new TestIdentity(host), new TestTrust());
    }

    TestPeer(TestNetwork network, String host, Path stateDir, MutableClock clock, PeerIdentity identity,
            TrustService trust) {
        this.network = network;
        this.host = host;
        this.identity = identity;
        this.trust = trust;
        this.stateDir = stateDir;
        this.clock = clock;
        config.put("name", host);
        config.put("publicUrl", "https://" + host + ":8443");
        config.put("peerUrl", "https://" + host + ":8444");
        config.put("stateDir", stateDir.toString());
        config.put("heartbeatSeconds", 3600);
        network.attach(this);
    }

    TestPeer start() {
        registry = new PeerRegistryService(identity, trust, s -> network.transportFor(this), clock);
        registry.activate(Configs.of(config));
        return this;
    }

    /** Stops and starts again from what is on disk (what a restart keeps). */
    TestPeer restart() {
        registry.deactivate();
        return start();
    }

    /** An identity and the trust store that goes with it. */
    record Keys(PeerIdentity identity, TrustService trust) {
    }

    URI url() {
        return URI.create("https://" + host + ":8443");
    }

    String id() {
        return identity.peerId();
    }
}
