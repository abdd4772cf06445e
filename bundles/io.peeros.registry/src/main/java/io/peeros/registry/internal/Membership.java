package io.peeros.registry.internal;

import io.peeros.identity.api.PeerIds;
import io.peeros.registry.api.PeerState;
import io.peeros.registry.api.RegistryException;
import java.security.cert.X509Certificate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Registered peers over mutual TLS: who may call, and ending a registration from either side. */
final class Membership {

    private static final Logger LOG = LoggerFactory.getLogger(Membership.class);

    private final Context ctx;
    private final RegistryState state;
    private final Heartbeats heartbeats;

    Membership(Context ctx, Heartbeats heartbeats) {
        this.ctx = ctx;
        this.state = ctx.state();
        this.heartbeats = heartbeats;
    }

    /** Trust must not outlive a registration: a crash between the two writes could leave some behind. */
    void revokeStaleTrust() {
        for (PeerRecord peer : state.peers()) {
            if (!peer.isRegistered() && ctx.trust().certificateOf(peer.id()).isPresent()) {
                LOG.warn("Peer {} ({}) is {} but still trusted; revoking that trust", peer.name(), peer.id(),
                        peer.state());
                ctx.trust().revoke(peer.id());
            }
        }
    }

    /** A registered peer called: notes when it was last seen. */
    void onHeartbeat(X509Certificate clientCertificate) {
        PeerRecord peer = registeredCaller(clientCertificate);
        synchronized (state) {
            state.peer(peer.id()).ifPresent(p -> state.put(p.seen(ctx.clock().instant())));
        }
    }

    void unregister(String peerId) {
        PeerRecord peer = state.peer(state.resolve(peerId)).orElseThrow();
        if (!peer.isRegistered()) {
            throw new RegistryException("PEER_UNKNOWN", "Peer " + peer.name() + " (" + peer.id() + ") is "
                    + peer.state() + ", not registered"
                    + (peer.state() == PeerState.REQUESTED ? "; use peer:reject for a pending request." : "."));
        }
        try {
            ctx.transport().unregister(peer.peerUrl());
        } catch (RuntimeException e) {
            LOG.warn("Could not tell {} ({}) that the registration ends; ending it here anyway: {}", peer.name(),
                    peer.id(), e.getMessage());
        }
        end(peer.id(), "this peer's owner");
    }

    void onUnregister(X509Certificate clientCertificate) {
        PeerRecord peer = registeredCaller(clientCertificate);
        end(peer.id(), peer.name());
    }

    /** Revokes trust and marks the peer UNREGISTERED. */
    private void end(String peerId, String by) {
        synchronized (state) {
            ctx.trust().revoke(peerId);
            state.peer(peerId).ifPresent(p -> state.put(p.withState(PeerState.UNREGISTERED, ctx.clock().instant())));
            state.save();
        }
        heartbeats.forget(peerId);
        LOG.info("Registration with {} ended by {}; trust removed", peerId, by);
    }

    private PeerRecord registeredCaller(X509Certificate clientCertificate) {
        if (clientCertificate == null) {
            throw new RegistryException("PEER_UNKNOWN", "This call needs the calling peer's certificate as TLS "
                    + "client certificate; none was presented.");
        }
        String id = PeerIds.of(clientCertificate);
        return state.peer(id).filter(PeerRecord::isRegistered)
                .filter(p -> ctx.trust().isTrusted(clientCertificate))
                .orElseThrow(() -> new RegistryException("PEER_UNKNOWN", "Peer " + id + " is not registered with "
                        + "this peer."));
    }
}
