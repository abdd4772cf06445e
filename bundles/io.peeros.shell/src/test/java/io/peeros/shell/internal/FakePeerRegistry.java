package io.peeros.shell.internal;

import io.peeros.registry.api.Direction;
import io.peeros.registry.api.OutgoingRegistration;
import io.peeros.registry.api.PeerInfo;
import io.peeros.registry.api.PeerRegistry;
import io.peeros.registry.api.PeerState;
import io.peeros.registry.api.RegistrationRequest;
import io.peeros.registry.api.RegistryException;
import io.peeros.registry.api.RemotePeer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.HexFormat;

/**
 * A registry in memory, following the PeerRegistry contract where the shell depends on it: ids or unique
 * prefixes of 8+ characters, a wrong code uses up a try and creates nothing, approval moves the request to
 * the peers. What {@code register} answers is set by the test.
 */
public final class FakePeerRegistry implements PeerRegistry {

    public static final Instant NOW = Instant.parse("2026-11-21T12:00:00Z");

    public PeerInfo local = new PeerInfo(idOf("local"), "local", "0.1.0", URI.create("https://local:8443"),
            URI.create("https://local:8444"), "AA:BB", 4, 16L << 30, 7L << 29, 500L << 30, 120L << 30, 0.42);
    public final List<RemotePeer> peers = new ArrayList<>();
    public final List<RegistrationRequest> requests = new ArrayList<>();
    public final Map<String, String> codes = new HashMap<>();
    public final List<URI> registerCalls = new ArrayList<>();
    public OutgoingRegistration registerAnswer;
    public RegistryException registerFailure;

    /** A well-formed peer id for a test name: the hex SHA-256 of the name. */
    public static String idOf(String name) {
        try {
            return HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(name.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static RemotePeer peer(String name, PeerState state, Direction direction, Instant lastSeen) {
        return new RemotePeer(idOf(name), name, URI.create("https://" + name + ":8443"),
                URI.create("https://" + name + ":8444"), state, direction, "FP:" + name, NOW.minusSeconds(3600),
                lastSeen);
    }

    /** Adds an incoming request from {@code name} that {@code code} approves. */
    public FakePeerRegistry request(String name, String code, int triesLeft) {
        requests.add(new RegistrationRequest(idOf(name), name, URI.create("https://" + name + ":8443"),
                "FP:" + name, NOW.minusSeconds(120), NOW.plusSeconds(780), triesLeft));
        codes.put(idOf(name), code);
        return this;
    }

    @Override
    public PeerInfo localInfo() {
        return local;
    }

    @Override
    public OutgoingRegistration register(URI url) {
        registerCalls.add(url);
        if (registerFailure != null) {
            throw registerFailure;
        }
        return registerAnswer;
    }

    @Override
    public List<RegistrationRequest> requests() {
        return List.copyOf(requests);
    }

    @Override
    public RemotePeer approve(String peerId, String code) {
        RegistrationRequest request = resolve(peerId, requests, RegistrationRequest::peerId);
        if (!codes.get(request.peerId()).equals(code)) {
            requests.set(requests.indexOf(request), new RegistrationRequest(request.peerId(), request.name(),
                    request.publicUrl(), request.certificateFingerprint(), request.received(), request.expires(),
                    request.triesLeft() - 1));
            throw new RegistryException("CODE_WRONG", "the code is wrong; " + (request.triesLeft() - 1)
                    + " tries left");
        }
        requests.remove(request);
        RemotePeer approved = new RemotePeer(request.peerId(), request.name(), request.publicUrl(),
                URI.create(request.publicUrl().toString().replace(":8443", ":8444")), PeerState.APPROVED,
                Direction.INCOMING, request.certificateFingerprint(), NOW, NOW);
        peers.add(approved);
        return approved;
    }

    @Override
    public void reject(String peerId) {
        requests.remove(resolve(peerId, requests, RegistrationRequest::peerId));
    }

    @Override
    public void unregister(String peerId) {
        RemotePeer p = resolve(peerId, peers, RemotePeer::id);
        peers.set(peers.indexOf(p), new RemotePeer(p.id(), p.name(), p.publicUrl(), p.peerUrl(),
                PeerState.UNREGISTERED, p.direction(), p.certificateFingerprint(), NOW, p.lastSeen()));
    }

    @Override
    public List<RemotePeer> peers() {
        List<RemotePeer> sorted = new ArrayList<>(peers);
        sorted.sort(Comparator.comparing(RemotePeer::name));
        return sorted;
    }

    @Override
    public Optional<RemotePeer> peer(String peerId) {
        try {
            return Optional.of(resolve(peerId, peers, RemotePeer::id));
        } catch (RegistryException e) {
            if (e.code().equals("PEER_UNKNOWN")) {
                return Optional.empty();
            }
            throw e;
        }
    }

    private static <T> T resolve(String idOrPrefix, List<T> items, Function<T, String> id) {
        List<T> matches = new ArrayList<>();
        for (T item : items) {
            String candidate = id.apply(item);
            if (candidate.equals(idOrPrefix)) {
                return item;
            }
            if (idOrPrefix.length() >= 8 && candidate.startsWith(idOrPrefix)) {
                matches.add(item);
            }
        }
        if (matches.size() > 1) {
            throw new RegistryException("PEER_AMBIGUOUS", "'" + idOrPrefix + "' matches several peers");
        }
        if (matches.isEmpty()) {
            throw new RegistryException("PEER_UNKNOWN", "no peer '" + idOrPrefix + "'");
        }
        return matches.get(0);
    }
}
