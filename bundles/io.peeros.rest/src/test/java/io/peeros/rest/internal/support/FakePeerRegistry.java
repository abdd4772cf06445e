package io.peeros.rest.internal.support;

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
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Known peers and incoming requests in memory, with the real registry's codes. {@code *.unreachable.test}
 * hosts cannot be reached; the right approval code is {@link #GOOD_CODE}. {@link #failNextCall} makes the
 * next call throw, to test unexpected failures.
 */
public final class FakePeerRegistry implements PeerRegistry {

    public static final String GOOD_CODE = "ABCD-EFGH-IJKL-MNOP";
    public static final PeerInfo LOCAL = new PeerInfo("a".repeat(64), "local", "0.1.0",
            URI.create("https://local.test:8443"), URI.create("https://local.test:8444"), "AA:BB", 2, 4L << 30,
            2L << 30, 100L << 30, 50L << 30, 0.5);

    private final Map<String, RemotePeer> peers = new ConcurrentHashMap<>();
    private final Map<String, RegistrationRequest> requests = new ConcurrentHashMap<>();
    private volatile RuntimeException failure;

    public void failNextCall(RuntimeException e) {
        failure = e;
    }

    public void addRequest(String peerId, String name) {
        Instant now = Instant.now();
        requests.put(peerId, new RegistrationRequest(peerId, name, URI.create("https://" + name + ".test:8443"),
                "CC:DD", now, now.plus(Duration.ofMinutes(10)), 3));
    }

    @Override
    public PeerInfo localInfo() {
        failIfAsked();
        return LOCAL;
    }

    @Override
    public OutgoingRegistration register(URI url) {
        failIfAsked();
        if (!"https".equals(url.getScheme()) || url.getHost() == null) {
            throw new RegistryException("URL_INVALID", "'" + url + "' is not an https:// URL");
        }
        if (url.getHost().endsWith(".unreachable.test")) {
            throw new RegistryException("PEER_UNREACHABLE", "cannot reach " + url);
        }
        String id = sha256(url.toString());
        Instant now = Instant.now();
        if (peers.putIfAbsent(id, new RemotePeer(id, url.getHost(), url, null, PeerState.REQUESTED,
                Direction.OUTGOING, "EE:FF", now, null)) != null) {
            throw new RegistryException("REQUEST_PENDING", "a registration with " + url + " is pending");
        }
        return new OutgoingRegistration(id, url.getHost(), url, "EE:FF", GOOD_CODE, now.plus(Duration.ofMinutes(10)));
    }

    @Override
    public List<RegistrationRequest> requests() {
        failIfAsked();
        return requests.values().stream().sorted(Comparator.comparing(RegistrationRequest::received)).toList();
    }

    @Override
    public RemotePeer approve(String peerId, String code) {
        RegistrationRequest request = resolve(requests, peerId);
        if (!GOOD_CODE.equals(code)) {
            throw new RegistryException("CODE_WRONG", "the code is wrong; " + (request.triesLeft() - 1)
                    + " tries left");
        }
        requests.remove(request.peerId());
        RemotePeer peer = new RemotePeer(request.peerId(), request.name(), request.publicUrl(), null,
                PeerState.APPROVED, Direction.INCOMING, request.certificateFingerprint(), Instant.now(), null);
        peers.put(peer.id(), peer);
        return peer;
    }

    @Override
    public void reject(String peerId) {
        requests.remove(resolve(requests, peerId).peerId());
    }

    @Override
    public void unregister(String peerId) {
        RemotePeer peer = resolve(peers, peerId);
        peers.put(peer.id(), new RemotePeer(peer.id(), peer.name(), peer.publicUrl(), peer.peerUrl(),
                PeerState.UNREGISTERED, peer.direction(), peer.certificateFingerprint(), Instant.now(),
                peer.lastSeen()));
    }

    @Override
    public List<RemotePeer> peers() {
        failIfAsked();
        return peers.values().stream().sorted(Comparator.comparing(RemotePeer::name)).toList();
    }

    @Override
    public Optional<RemotePeer> peer(String peerId) {
        failIfAsked();
        try {
            return Optional.of(resolve(peers, peerId));
        } catch (RegistryException e) {
            return Optional.empty();
        }
    }

    private <T> T resolve(Map<String, T> map, String prefix) {
        failIfAsked();
        List<String> matches = prefix == null || prefix.length() < 8 ? List.of()
                : map.keySet().stream().filter(id -> id.startsWith(prefix)).toList();
        if (matches.size() > 1) {
            throw new RegistryException("PEER_AMBIGUOUS", "'" + prefix + "' matches " + matches.size() + " peers");
        }
        if (matches.isEmpty()) {
            throw new RegistryException("PEER_UNKNOWN", "no peer '" + prefix + "'");
        }
        return map.get(matches.get(0));
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private void failIfAsked() {
        RuntimeException e = failure;
        if (e != null) {
            failure = null;
            throw e;
        }
    }
}
