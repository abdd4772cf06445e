package io.peeros.environment.internal.workflow;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.peeros.container.api.ContainerException;
import io.peeros.container.api.ExecRequest;
import io.peeros.container.api.Quota;
import io.peeros.environment.api.EnvironmentException;
import io.peeros.environment.api.peer.ConfigureRequest;
import io.peeros.environment.api.peer.ContainerRequest;
import io.peeros.environment.api.peer.EnvironmentAgent;
import io.peeros.environment.api.peer.PrepareRequest;
import io.peeros.environment.internal.agent.AgentReferences;
import io.peeros.registry.api.PeerClient;
import io.peeros.registry.api.RegistryException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Peers in one JVM: a {@link PeerClient} per calling peer that plays the p2p REST paths into the called peer's
 * agent through the same JSON mapping {@link RemoteAgent} uses, with the caller taken from "its certificate", and
 * template downloads into the called peer's template store.
 */
final class FakeNetwork {

    final Map<String, FakePeer> peers = new ConcurrentHashMap<>();
    final AtomicInteger calls = new AtomicInteger();
    /** Every download asked for, as {@code peerId path}. */
    final List<String> downloads = new CopyOnWriteArrayList<>();
    /** Peers whose template downloads fail with PEER_UNREACHABLE, though they answer every other call. */
    final java.util.Set<String> downloadsFail = ConcurrentHashMap.newKeySet();
    private final ObjectMapper mapper = P2pJson.mapper();

    FakePeer add(FakePeer peer) {
        peers.put(peer.id, peer);
        peer.client = client(peer.id);
        AgentReferences.bind(peer.real, peer.client);
        return peer;
    }

    PeerClient client(String caller) {
        return new PeerClient() {
            @Override
            public byte[] call(String peerId, String method, String path, byte[] jsonBody, Duration timeout) {
                return route(caller, peerId, method, path, jsonBody, timeout);
            }

            @Override
            public void download(String peerId, String path, Path target, long maxBytes, Duration timeout) {
                FakeNetwork.this.download(peerId, path, target, maxBytes);
            }
        };
    }

    private byte[] route(String caller, String peerId, String method, String path, byte[] body, Duration timeout) {
        calls.incrementAndGet();
        FakePeer peer = peers.get(peerId);
        if (peer == null) {
            throw new RegistryException("PEER_UNKNOWN", "no peer " + peerId);
        }
        if (peer.unreachable) {
            throw new RegistryException("PEER_UNREACHABLE", "peer " + peer.name + " does not answer");
        }
        EnvironmentAgent agent = peer.agent;
        List<String> s = Arrays.stream(path.split("/")).map(p -> URLDecoder.decode(p, StandardCharsets.UTF_8))
                .toList();
        try {
            Object answer = null;
            String route = method + " " + s.size();
            if (!s.get(0).equals("environments")) {
                throw new RegistryException("NOT_FOUND", path);
            }
            if (route.equals("GET 1")) {
                answer = agent.hosted();
            } else if (route.equals("GET 2") && s.get(1).equals("capacity")) {
                answer = agent.capacity();
            } else if (route.equals("PUT 2")) {
                PrepareRequest r = read(body, PrepareRequest.class);
                if (!r.environmentId().equals(s.get(1))) {
                    throw new RegistryException("INVALID_REQUEST", "id in path and body differ");
                }
                agent.prepare(caller, r);
            } else if (route.equals("DELETE 2")) {
                agent.release(caller, s.get(1));
            } else if (route.equals("POST 3") && s.get(2).equals("configure")) {
                agent.configure(caller, s.get(1), read(body, ConfigureRequest.class));
            } else if (route.equals("PUT 4") && s.get(2).equals("containers")) {
                answer = agent.createContainer(caller, s.get(1), read(body, ContainerRequest.class));
            } else if (route.equals("DELETE 4") && s.get(2).equals("containers")) {
                agent.removeContainer(caller, s.get(1), s.get(3));
            } else if (route.equals("PUT 5") && s.get(4).equals("quota")) {
                agent.setQuota(caller, s.get(1), s.get(3), read(body, Quota.class));
            } else if (route.equals("GET 5") && s.get(4).equals("quota")) {
                answer = agent.quota(caller, s.get(1), s.get(3));
            } else if (route.equals("POST 5") && s.get(4).equals("exec")) {
                answer = agent.exec(caller, s.get(1), s.get(3), read(body, ExecRequest.class));
            } else {
                throw new RegistryException("NOT_FOUND", method + " " + path);
            }
            return answer == null ? new byte[0] : mapper.writeValueAsBytes(answer);
        } catch (EnvironmentException e) {
            throw new RegistryException(e.code(), e.getMessage());
        } catch (ContainerException e) {
            // the REST layer answers a container error with its code, as it does an environment error
            throw new RegistryException(e.code(), e.getMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code templates/name[/version]}: the peer's template archive, as the p2p templates resource writes it. */
    private void download(String peerId, String path, Path target, long maxBytes) {
        downloads.add(peerId + " " + path);
        FakePeer peer = peers.get(peerId);
        if (peer == null) {
            throw new RegistryException("PEER_UNKNOWN", "no peer " + peerId);
        }
        if (peer.unreachable || downloadsFail.contains(peerId)) {
            throw new RegistryException("PEER_UNREACHABLE", "peer " + peer.name + " does not answer");
        }
        List<String> s = Arrays.stream(path.split("/")).map(p -> URLDecoder.decode(p, StandardCharsets.UTF_8))
                .toList();
        if (!s.get(0).equals("templates") || s.size() < 2 || s.size() > 3) {
            throw new RegistryException("NOT_FOUND", "GET " + path);
        }
        try (OutputStream out = Files.newOutputStream(target)) {
            peer.templates.writeArchive(s.get(1), s.size() == 3 ? s.get(2) : null, out);
        } catch (ContainerException e) {
            throw new RegistryException(e.code(), e.getMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            if (Files.size(target) > maxBytes) {
                Files.delete(target);
                throw new RegistryException("REMOTE_REFUSED", "more than " + maxBytes + " bytes");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private <T> T read(byte[] body, Class<T> type) {
        try {
            return mapper.readValue(body, type);
        } catch (IOException e) {
            throw new RegistryException("INVALID_REQUEST", "bad JSON for " + type.getSimpleName() + ": "
                    + e.getMessage());
        }
    }
}
