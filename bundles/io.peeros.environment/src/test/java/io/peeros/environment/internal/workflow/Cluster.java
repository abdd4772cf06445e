package io.peeros.environment.internal.workflow;

import io.peeros.environment.api.Blueprint;
import io.peeros.environment.internal.blueprint.DefaultBlueprintParser;
import io.peeros.registry.api.Direction;
import io.peeros.registry.api.OutgoingRegistration;
import io.peeros.registry.api.PeerInfo;
import io.peeros.registry.api.PeerRegistry;
import io.peeros.registry.api.PeerState;
import io.peeros.registry.api.RegistrationRequest;
import io.peeros.registry.api.RemotePeer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Three peers in one JVM: {@code a} builds (16 GiB free RAM, 500 GiB disk), {@code b} (8 GiB, 200 GiB) and
 * {@code c} (2 GiB, 50 GiB) are approved peers. All have busybox and debian-12.
 */
final class Cluster {

    static final String A = "a".repeat(64);
    static final String B = "b".repeat(64);
    static final String C = "c".repeat(64);

    final FakeNetwork network = new FakeNetwork();
    final FakePeer a;
    final FakePeer b;
    final FakePeer c;
    final Path journals;
    final Map<String, PeerState> states = new ConcurrentHashMap<>();
    final io.peeros.registry.api.PeerClient aClient = network.client(A);
    EnvironmentServiceImpl builder;

    Cluster(Path root) {
        a = network.add(new FakePeer(A, "alpha", root.resolve("a"), 16, 500, "busybox", "debian-12"));
        b = network.add(new FakePeer(B, "bravo", root.resolve("b"), 8, 200, "busybox", "debian-12"));
        c = network.add(new FakePeer(C, "charlie", root.resolve("c"), 2, 50, "busybox", "debian-12"));
        states.put(B, PeerState.APPROVED);
        states.put(C, PeerState.APPROVED);
        journals = root.resolve("a-journals");
        builder = newBuilder();
    }

    /** A new builder on peer a over the same journals, as after a restart of a. */
    EnvironmentServiceImpl newBuilder() {
        return newBuilder(Map.of());
    }

    /** A new builder as {@link #newBuilder()}, with {@code settings} added to its configuration. */
    EnvironmentServiceImpl newBuilder(Map<String, Object> settings) {
        Map<String, Object> config = new HashMap<>(Map.of("journalDirectory", journals.toString(),
                "releaseAttempts", 2, "releaseBackoffMillis", 1L, "releasePendingSeconds", 3600));
        config.putAll(settings);
        EnvironmentServiceImpl service = new EnvironmentServiceImpl(a.agent, registry(), a.identity,
                Configs.of(EnvironmentServiceImpl.Config.class, config));
        service.client = aClient;
        service.activate();
        return service;
    }

    List<FakePeer> peers() {
        return List.of(a, b, c);
    }

    FakePeer peer(String id) {
        return network.peers.get(id);
    }

    boolean allEmpty() {
        return peers().stream().allMatch(FakePeer::empty);
    }

    static Blueprint example(String name) {
        try {
            Path path = Path.of("../../blueprints").resolve(name);
            return new DefaultBlueprintParser().parse(name, Files.readString(path, StandardCharsets.UTF_8),
                    Map.of());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Blueprint parse(String text) {
        return new DefaultBlueprintParser().parse("test.yaml", text, Map.of());
    }

    private PeerRegistry registry() {
        return new PeerRegistry() {
            @Override
            public PeerInfo localInfo() {
                return new PeerInfo(A, "alpha", "0.1.0", URI.create("https://alpha:8443"),
                        URI.create("https://alpha:8444"), "00", 4, 64L << 30, a.freeRam, 1L << 40, a.freeDisk, 0.1);
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
                throw new UnsupportedOperationException();
            }

            @Override
            public List<RemotePeer> peers() {
                List<RemotePeer> list = new ArrayList<>();
                for (FakePeer p : List.of(b, c)) {
                    list.add(new RemotePeer(p.id, p.name, URI.create("https://" + p.name + ":8443"),
                            URI.create("https://" + p.name + ":8444"), states.get(p.id), Direction.OUTGOING, "00",
                            Instant.now(), Instant.now()));
                }
                return list;
            }

            @Override
            public Optional<RemotePeer> peer(String peerId) {
                return peers().stream().filter(p -> p.id().equals(peerId)).findFirst();
            }
        };
    }
}
