package io.peeros.environment.internal.agent;

import io.peeros.environment.api.peer.Reservation;
import io.peeros.registry.api.PeerRegistry;
import io.peeros.registry.api.PeerState;
import io.peeros.registry.api.RemotePeer;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cleans up after builders that are gone, on a hosting peer (the policy of docs/environments.md, "Orphans"):
 * <ul>
 * <li>a reservation whose builder has been silent for longer than {@code reservationExpiry} is released;</li>
 * <li>an environment that never became committed (its builder never said HEALTHY) is removed when its builder
 * has been silent for longer than {@code reservationExpiry} and is gone from the registry (unregistered,
 * rejected or unknown), or has been silent for longer than {@code grace} whatever the registry says;</li>
 * <li>a committed environment is removed once its builder has been gone from the registry for longer than
 * {@code grace} (trust ended); a builder that is only unreachable keeps its committed environments.</li>
 * </ul>
 * Environments this peer built itself are left to its builder's recovery.
 */
final class OrphanSweep {

    private static final Logger LOG = LoggerFactory.getLogger(OrphanSweep.class);

    private final String self;
    private final HostedRecords records;
    private final Supplier<PeerRegistry> registry;
    private final Duration reservationExpiry;
    private final Duration grace;
    /** Runs under the environment's lock; {@code remover} destroys its containers, leaves its swarm, forgets it. */
    private final Locked locked;
    private final Consumer<HostedRecord> remover;

    /** Runs an action under the lock of one environment. */
    interface Locked {
        void run(String environmentId, Runnable action);
    }

    OrphanSweep(String self, HostedRecords records, Supplier<PeerRegistry> registry, Duration reservationExpiry,
            Duration grace, Locked locked, Consumer<HostedRecord> remover) {
        this.self = self;
        this.records = records;
        this.registry = registry;
        this.reservationExpiry = reservationExpiry;
        this.grace = grace;
        this.locked = locked;
        this.remover = remover;
    }

    /** One pass over the hosted records, as of {@code now}; returns how many environments were removed. */
    int sweep(Instant now) {
        int removed = 0;
        for (HostedRecord seen : records.all()) {
            if (seen.builderPeerId().equals(self)) {
                continue;
            }
            boolean[] gone = {false};
            locked.run(seen.environmentId(), () -> gone[0] = sweep(seen.environmentId(), now));
            removed += gone[0] ? 1 : 0;
        }
        return removed;
    }

    private boolean sweep(String environmentId, Instant now) {
        Optional<HostedRecord> found = records.get(environmentId);
        if (found.isEmpty()) {
            return false;
        }
        HostedRecord r = found.get();
        String builder = abbreviated(r.builderPeerId());
        Optional<Boolean> registered = registered(r.builderPeerId());
        if (registered.isPresent() && !registered.get() && r.builderGoneSince() == null) {
            r = r.builderGone(now);
            records.put(r);
            LOG.warn("Environment {} ({}): its builder {} is no longer a registered peer", r.environmentId(),
                    r.name(), builder);
        } else if (registered.orElse(false) && r.builderGoneSince() != null) {
            r = r.builderGone(null);
            records.put(r);
        }
        Duration silent = Duration.between(r.lastContact(), now);
        boolean builderGone = r.builderGoneSince() != null;
        if (!r.isCommitted() && (silent.compareTo(grace) > 0
                || builderGone && silent.compareTo(reservationExpiry) > 0)) {
            remove(r, "it never became HEALTHY and its builder " + builder + (builderGone
                    ? " is no longer registered and has not called for " + minutes(silent)
                    : " has not called for " + minutes(silent) + ", more than the grace of " + minutes(grace)));
            return true;
        }
        if (r.isCommitted() && builderGone && Duration.between(r.builderGoneSince(), now).compareTo(grace) > 0) {
            remove(r, "its builder " + builder + " has not been a registered peer since " + r.builderGoneSince()
                    + " (trust ended), more than the grace of " + minutes(grace));
            return true;
        }
        if (!r.reservation().isNone() && silent.compareTo(reservationExpiry) > 0) {
            LOG.warn("Released the reservation of environment {} ({}): {}; its builder {} has not called for {}",
                    r.environmentId(), r.name(), r.reservation(), builder, minutes(silent));
            records.put(r.withReservation(Reservation.NONE));
        }
        return false;
    }

    private void remove(HostedRecord r, String why) {
        LOG.warn("Removing orphan environment {} ({}): containers {}, its swarm and its record, because {}",
                r.environmentId(), r.name(), r.containers(), why);
        remover.accept(r);
    }

    /** Whether the registry knows the peer as one it trusts; empty when there is no registry to ask. */
    private Optional<Boolean> registered(String peerId) {
        PeerRegistry reg = registry.get();
        if (reg == null) {
            return Optional.empty();
        }
        try {
            Optional<RemotePeer> peer = reg.peer(peerId);
            return Optional.of(peer.isPresent() && peer.get().state() != PeerState.UNREGISTERED
                    && peer.get().state() != PeerState.REJECTED);
        } catch (RuntimeException e) {
            LOG.debug("Could not ask the registry about peer {}: {}", peerId, e.toString());
            return Optional.empty();
        }
    }

    private static String minutes(Duration d) {
        return d.toMinutes() >= 1 ? d.toMinutes() + " min" : d.toSeconds() + " s";
    }

    private static String abbreviated(String peerId) {
        return peerId.length() > 12 ? peerId.substring(0, 12) : peerId;
    }
}
