package io.peeros.registry.internal;

import io.peeros.identity.api.IdentityException;
import io.peeros.identity.api.PeerIdentity;
import io.peeros.identity.api.TrustService;
import io.peeros.registry.api.RegistryException;
import io.peeros.registry.internal.transport.PeerTransport;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;

/** What the parts of one activation of the registry share. */
record Context(PeerIdentity identity, TrustService trust, RegistrySettings settings, RegistryState state,
        PeerTransport transport, Clock clock, SecureRandom random) {

    String selfId() {
        return identity.peerId();
    }

    /** Trusts a peer, turning the trust service's refusal into a registry error with the same code. */
    void trust(String peerId, X509Certificate certificate) {
        try {
            trust.trust(peerId, certificate);
        } catch (IdentityException e) {
            throw new RegistryException(e.code(), "Cannot trust peer " + peerId + ": " + e.getMessage(), e);
        }
    }
}
