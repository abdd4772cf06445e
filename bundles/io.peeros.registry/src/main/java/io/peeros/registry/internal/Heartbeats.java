package io.peeros.registry.internal;

import io.peeros.identity.api.PeerIds;
import io.peeros.registry.api.PeerInfo;
import io.peeros.registry.api.PeerState;
import io.peeros.registry.api.RegistryException;
import io.peeros.registry.internal.transport.PeerTransport.Alive;
import java.net.URI;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks that registered peers answer over mutual TLS: an answer makes a peer APPROVED (and refreshes its
 * name and URLs), {@code offlineAfterMisses} failures in a row make it OFFLINE.
 */
final class Heartbeats {

    private static final Logger LOG = LoggerFactory.getLogger(Heartbeats.class);

    private final Context ctx;
    private final RegistryState state;
    private final Map<String, Integer> misses = new ConcurrentHashMap<>();
    private final Set<String> inFlight = ConcurrentHashMap.newKeySet();

    Heartbeats(Context ctx) {
        this.ctx = ctx;
        this.state = ctx.state();
    }

    /** Starts one check per registered peer on {@code executor}, skipping peers still being checked. */
    void round(Executor executor) {
        for (PeerRecord peer : state.peers()) {
            if (peer.isRegistered() && inFlight.add(peer.id())) {
                try {
                    executor.execute(() -> {
                        try {
                            check(peer);
                        } finally {
                            inFlight.remove(peer.id());
                        }
                    });
                } catch (RuntimeException e) {
                    inFlight.remove(peer.id());
                    throw e;
                }
            }
        }
    }

    private void check(PeerRecord peer) {
        PeerInfo info;
        try {
            Alive alive = ctx.transport().heartbeat(peer.peerUrl());
            String answeredAs = PeerIds.of(alive.serverCertificate());
            if (!peer.id().equals(answeredAs) || alive.info() == null || !peer.id().equals(alive.info().id())) {
                throw new RegistryException("CERT_MISMATCH", peer.peerUrl() + " answered as another peer ("
                        + answeredAs + ")");
            }
            info = alive.info();
        } catch (RuntimeException e) {
            missed(peer, e);
            return;
        }
        misses.remove(peer.id());
        Instant now = ctx.clock().instant();
        synchronized (state) {
            state.peer(peer.id()).filter(PeerRecord::isRegistered).ifPresent(current -> {
                PeerRecord seen = current.seen(refreshable(info, current), now);
                state.put(seen);
                if (current.state() != PeerState.APPROVED || !Objects.equals(current.name(), seen.name())
                        || !Objects.equals(current.publicUrl(), seen.publicUrl())
                        || !Objects.equals(current.peerUrl(), seen.peerUrl())) {
                    if (current.state() != PeerState.APPROVED) {
                        LOG.info("Peer {} ({}) answers again", seen.name(), seen.id());
                    }
                    state.save();
                }
            });
        }
    }

    private void missed(PeerRecord peer, RuntimeException e) {
        int count = misses.merge(peer.id(), 1, Integer::sum);
        LOG.debug("Heartbeat {} of {} ({}) failed: {}", count, peer.name(), peer.id(), e.getMessage());
        if (count < ctx.settings().offlineAfterMisses()) {
            return;
        }
        synchronized (state) {
            state.peer(peer.id()).filter(p -> p.state() == PeerState.APPROVED).ifPresent(current -> {
                state.put(current.withState(PeerState.OFFLINE, ctx.clock().instant()));
                state.save();
                LOG.warn("Peer {} ({}) is offline: {} heartbeats in a row failed, the last with: {}",
                        current.name(), current.id(), count, e.getMessage());
            });
        }
    }

    /** Forgets the misses of a peer that is no longer registered. */
    void forget(String peerId) {
        misses.remove(peerId);
    }

    /** The reported name and URLs where they are usable, the recorded ones otherwise. */
    private static PeerInfo refreshable(PeerInfo info, PeerRecord current) {
        String name = PeerNames.clean(info.name()).orElse(current.name());
        URI publicUrl = usable(info.publicUrl()) ? PeerUrls.normalize(info.publicUrl()) : current.publicUrl();
        URI peerUrl = usable(info.peerUrl()) ? PeerUrls.normalize(info.peerUrl()) : current.peerUrl();
        return new PeerInfo(info.id(), name, info.version(), publicUrl, peerUrl, info.certificateFingerprint(),
                info.cpuCores(), info.ramBytes(), info.freeRamBytes(), info.diskBytes(), info.freeDiskBytes(),
                info.loadAverage());
    }

    private static boolean usable(URI url) {
        return PeerUrls.problem(url).isEmpty();
    }
}
