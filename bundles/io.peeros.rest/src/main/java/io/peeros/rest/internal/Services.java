package io.peeros.rest.internal;

import io.peeros.identity.api.PeerIdentity;
import io.peeros.identity.api.TokenService;
import io.peeros.identity.api.TrustService;
import io.peeros.identity.api.UserService;
import io.peeros.registry.api.PeerRegistry;
import io.peeros.registry.api.protocol.PeerProtocol;
import java.util.Objects;

/**
 * The API services the REST layer adapts, handed to the resources and filters that need them. The container
 * services, the swarm service, the environment services and the upgrade service are optional and come and go
 * while the server runs: {@code containers}, {@code vpn}, {@code environments} and {@code upgrades} hold them as
 * they are.
 */
record Services(PeerIdentity identity, TrustService trust, UserService users, TokenService tokens,
        PeerRegistry registry, PeerProtocol protocol, ContainerServices containers, VpnServices vpn,
        EnvironmentServices environments, UpgradeServices upgrades) {

    Services {
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(trust, "trust");
        Objects.requireNonNull(users, "users");
        Objects.requireNonNull(tokens, "tokens");
        Objects.requireNonNull(registry, "registry");
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(containers, "containers");
        Objects.requireNonNull(vpn, "vpn");
        Objects.requireNonNull(environments, "environments");
        Objects.requireNonNull(upgrades, "upgrades");
    }

    /** The services with an empty upgrade-service slot, which the server fills as the service comes and goes. */
    Services(PeerIdentity identity, TrustService trust, UserService users, TokenService tokens, PeerRegistry registry,
            PeerProtocol protocol, ContainerServices containers, VpnServices vpn, EnvironmentServices environments) {
        this(identity, trust, users, tokens, registry, protocol, containers, vpn, environments, new UpgradeServices());
    }
}
