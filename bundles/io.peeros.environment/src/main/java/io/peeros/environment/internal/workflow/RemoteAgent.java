package io.peeros.environment.internal.workflow;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.peeros.container.api.ExecRequest;
import io.peeros.container.api.ExecResult;
import io.peeros.container.api.Quota;
import io.peeros.environment.api.EnvironmentException;
import io.peeros.environment.api.peer.AgentContainer;
import io.peeros.environment.api.peer.Capacity;
import io.peeros.environment.api.peer.ConfigureRequest;
import io.peeros.environment.api.peer.ContainerRequest;
import io.peeros.environment.api.peer.EnvironmentAgent;
import io.peeros.environment.api.peer.HostedEnvironment;
import io.peeros.environment.api.peer.PrepareRequest;
import io.peeros.registry.api.PeerClient;
import io.peeros.registry.api.RegistryException;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/**
 * Another peer's agent, over {@link PeerClient} ({@code /api/v1/p2p/environments...}). The caller is not sent: the
 * remote peer takes it from this peer's TLS client certificate. A refusal comes back as an
 * {@link EnvironmentException} with the remote code; an unreachable peer as {@code PEER_UNREACHABLE}.
 */
final class RemoteAgent implements EnvironmentAgent {

    static final Duration SHORT = Duration.ofSeconds(30);
    static final Duration LONG = Duration.ofMinutes(10);

    private final PeerClient client;
    private final String peerId;
    private final ObjectMapper mapper;

    RemoteAgent(PeerClient client, String peerId, ObjectMapper mapper) {
        this.client = client;
        this.peerId = peerId;
        this.mapper = mapper;
    }

    @Override
    public void prepare(String caller, PrepareRequest request) {
        call("PUT", "environments/" + seg(request.environmentId()), request, SHORT);
    }

    @Override
    public AgentContainer createContainer(String caller, String environmentId, ContainerRequest request) {
        return read(call("PUT", "environments/" + seg(environmentId) + "/containers/" + seg(request.name()), request,
                LONG), new TypeReference<AgentContainer>() { });
    }

    @Override
    public void configure(String caller, String environmentId, ConfigureRequest request) {
        call("POST", "environments/" + seg(environmentId) + "/configure", request, LONG);
    }

    @Override
    public ExecResult exec(String caller, String environmentId, String container, ExecRequest request) {
        Duration timeout = request.timeout() == null ? LONG : request.timeout().plus(SHORT);
        return read(call("POST", "environments/" + seg(environmentId) + "/containers/" + seg(container) + "/exec",
                request, timeout), new TypeReference<ExecResult>() { });
    }

    @Override
    public Quota setQuota(String caller, String environmentId, String container, Quota quota) {
        call("PUT", quotaPath(environmentId, container), quota, SHORT);
        return quota;
    }

    @Override
    public Quota quota(String caller, String environmentId, String container) {
        return read(call("GET", quotaPath(environmentId, container), null, SHORT), new TypeReference<Quota>() { });
    }

    private static String quotaPath(String environmentId, String container) {
        return "environments/" + seg(environmentId) + "/containers/" + seg(container) + "/quota";
    }

    @Override
    public void removeContainer(String caller, String environmentId, String container) {
        call("DELETE", "environments/" + seg(environmentId) + "/containers/" + seg(container), null, LONG);
    }

    @Override
    public void release(String caller, String environmentId) {
        call("DELETE", "environments/" + seg(environmentId), null, LONG);
    }

    @Override
    public List<HostedEnvironment> hosted() {
        return read(call("GET", "environments", null, SHORT), new TypeReference<List<HostedEnvironment>>() { });
    }

    @Override
    public Capacity capacity() {
        return read(call("GET", "environments/capacity", null, SHORT), new TypeReference<Capacity>() { });
    }

    private byte[] call(String method, String path, Object body, Duration timeout) {
        try {
            return client.call(peerId, method, path, body == null ? null : P2pJson.write(mapper, body), timeout);
        } catch (RegistryException e) {
            throw new EnvironmentException(e.code(), e.getMessage(), e);
        }
    }

    private <T> T read(byte[] body, TypeReference<T> type) {
        try {
            return mapper.readValue(body, type);
        } catch (IOException e) {
            throw new EnvironmentException("PEER_UNREACHABLE", "peer " + peerId.substring(0, Math.min(12,
                    peerId.length())) + " answered with JSON that is not understood: " + e.getMessage(), e);
        }
    }

    private static String seg(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
