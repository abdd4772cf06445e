package io.peeros.registry.internal;

import io.peeros.registry.api.Direction;
import io.peeros.registry.api.PeerState;
import io.peeros.registry.api.RegistryException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The known peers and the pending incoming requests, persisted together. Compound changes synchronize on
 * this object and end with {@link #save()}; no lock is held while talking to another peer.
 */
final class RegistryState {

    private static final Logger LOG = LoggerFactory.getLogger(RegistryState.class);
    static final int MIN_PREFIX = 8;

    private final RegistryStore store;
    private final Map<String, PeerRecord> peers = new HashMap<>();
    private final Map<String, IncomingRequest> requests = new HashMap<>();

    RegistryState(RegistryStore store) {
        this.store = store;
    }

    /**
     * Loads registry.json. Outgoing requests are dropped: their code lived in memory only, so they can no
     * longer be confirmed.
     */
    synchronized void load() {
        RegistryStore.Contents contents = store.load();
        peers.clear();
        requests.clear();
        contents.requests().forEach(r -> requests.put(r.peerId(), r));
        boolean dropped = false;
        for (PeerRecord p : contents.peers()) {
            boolean lostOutgoing = p.state() == PeerState.REQUESTED
                    && (p.direction() == Direction.OUTGOING || !requests.containsKey(p.id()));
            if (lostOutgoing) {
                LOG.info("Dropping the registration with {} ({}) asked for before the restart: its code is gone",
                        p.name(), p.id());
                dropped = true;
            } else {
                peers.put(p.id(), p);
            }
        }
        dropped |= requests.keySet().retainAll(peers.keySet());
        if (dropped) {
            save();
        }
    }

    synchronized void save() {
        store.save(new RegistryStore.Contents(List.copyOf(peers.values()), List.copyOf(requests.values())));
    }

    synchronized Optional<PeerRecord> peer(String id) {
        return Optional.ofNullable(peers.get(id));
    }

    synchronized List<PeerRecord> peers() {
        return new ArrayList<>(peers.values());
    }

    synchronized void put(PeerRecord peer) {
        peers.put(peer.id(), peer);
    }

    synchronized void remove(String id) {
        peers.remove(id);
        requests.remove(id);
    }

    synchronized Optional<IncomingRequest> request(String id) {
        return Optional.ofNullable(requests.get(id));
    }

    synchronized List<IncomingRequest> requests() {
        List<IncomingRequest> list = new ArrayList<>(requests.values());
        list.sort(Comparator.comparing(IncomingRequest::received));
        return list;
    }

    synchronized void putRequest(IncomingRequest request) {
        requests.put(request.peerId(), request);
    }

    synchronized void removeRequest(String id) {
        requests.remove(id);
    }

    /**
     * The full id of a known peer named by its id or a unique prefix of at least 8 characters.
     *
     * @throws RegistryException {@code PEER_UNKNOWN} or {@code PEER_AMBIGUOUS}
     */
    synchronized String resolve(String idOrPrefix) {
        String prefix = idOrPrefix == null ? "" : idOrPrefix.trim().toLowerCase(Locale.ROOT);
        if (peers.containsKey(prefix)) {
            return prefix;
        }
        if (prefix.length() < MIN_PREFIX) {
            throw new RegistryException("PEER_UNKNOWN", prefix.isEmpty() ? "No peer id was given."
                    : "'" + prefix + "' is too short to name a peer: give at least " + MIN_PREFIX
                            + " characters of its id.");
        }
        List<String> matches = peers.keySet().stream().filter(id -> id.startsWith(prefix)).sorted().toList();
        if (matches.isEmpty()) {
            throw new RegistryException("PEER_UNKNOWN",
                    "No known peer has an id starting with '" + prefix + "'. peer:list shows the known peers.");
        }
        if (matches.size() > 1) {
            throw new RegistryException("PEER_AMBIGUOUS", "'" + prefix + "' matches " + matches.size()
                    + " peers (" + matches.stream().map(id -> peers.get(id).name() + " " + id)
                            .collect(Collectors.joining(", ")) + "); give more characters of the id.");
        }
        return matches.get(0);
    }
}
