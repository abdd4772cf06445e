package io.peeros.environment.internal.workflow;

import io.peeros.registry.api.Direction;
import io.peeros.registry.api.OutgoingRegistration;
import io.peeros.registry.api.PeerInfo;
import io.peeros.registry.api.PeerRegistry;
import io.peeros.registry.api.PeerState;
import io.peeros.registry.api.RegistrationRequest;
import io.peeros.registry.api.RemotePeer;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** A hosting peer's registry as its orphan sweep reads it: the peers it knows and their states, set by the test. */
final class StateRegistry implements PeerRegistry {

    final Map<String, PeerState> states = new ConcurrentHashMap<>();

    @Override
    public PeerInfo localInfo() {
        throw new UnsupportedOperationException();
    }

    @Override
    public OutgoingRegistration register(URI url) {
        throw new UnsupportedOperationException();
    }

    @Override
    public List<RegistrationRequest> requests() {
        return List.of();
    }

    @Override
    public RemotePeer approve(String peerId, String code) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void reject(String peerId) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void unregister(String peerId) {
        states.put(peerId, PeerState.UNREGISTERED);
    }

    @Override
    public List<RemotePeer> peers() {
        return states.entrySet().stream().map(e -> new RemotePeer(e.getKey(), e.getKey().substring(0, 8),
                URI.create("https://p:8443"), URI.create("https://p:8444"), e.getValue(), Direction.OUTGOING, "00",
                Instant.now(), Instant.now())).toList();
    }

    @Override
    public Optional<RemotePeer> peer(String peerId) {
        return peers().stream().filter(p -> p.id().equals(peerId)).findFirst();
    }
}
