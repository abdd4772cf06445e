package io.peeros.registry.internal;

import io.peeros.registry.api.Direction;
import io.peeros.registry.api.PeerInfo;
import io.peeros.registry.api.PeerState;
import io.peeros.registry.api.RemotePeer;
import java.net.URI;
import java.security.cert.X509Certificate;
import java.time.Instant;

/** What this peer records about a remote peer; persisted in registry.json. */
record PeerRecord(String id, String name, URI publicUrl, URI peerUrl, PeerState state, Direction direction,
        X509Certificate certificate, Instant since, Instant lastSeen) {

    boolean isRegistered() {
        return state == PeerState.APPROVED || state == PeerState.OFFLINE;
    }

    PeerRecord withState(PeerState newState, Instant now) {
        return newState == state ? this
                : new PeerRecord(id, name, publicUrl, peerUrl, newState, direction, certificate, now, lastSeen);
    }

    /** An answered heartbeat: back to (or still) APPROVED, with the name and URLs it reports now. */
    PeerRecord seen(PeerInfo info, Instant now) {
        return new PeerRecord(id, info.name(), info.publicUrl(), info.peerUrl(), PeerState.APPROVED, direction,
                certificate, state == PeerState.APPROVED ? since : now, now);
    }

    PeerRecord seen(Instant now) {
        return new PeerRecord(id, name, publicUrl, peerUrl, state, direction, certificate, since, now);
    }

    RemotePeer toApi() {
        return new RemotePeer(id, name, publicUrl, peerUrl, state, direction,
                Certificates.fingerprint(certificate), since, lastSeen);
    }
}
