package io.peeros.rest.internal;

import static io.peeros.rest.internal.ErrorMappingTest.assertError;
import static org.junit.Assert.assertEquals;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.peeros.container.api.ExecRequest;
import io.peeros.container.api.Quota;
import io.peeros.environment.api.EnvironmentException;
import io.peeros.environment.api.peer.AgentContainer;
import io.peeros.environment.api.peer.Capacity;
import io.peeros.environment.api.peer.ConfigureRequest;
import io.peeros.environment.api.peer.ContainerRequest;
import io.peeros.environment.api.peer.HostedEnvironment;
import io.peeros.environment.api.peer.PrepareRequest;
import io.peeros.identity.api.PeerIds;
import io.peeros.rest.internal.support.Answer;
import io.peeros.rest.internal.support.FakeEnvironmentAgent.Call;
import io.peeros.rest.internal.support.Https;
import io.peeros.rest.internal.support.TestKey;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.AfterClass;
import org.junit.Before;
import org.junit.BeforeClass;
import org.junit.Test;

/**
 * /p2p/environments on the mutual-TLS port: every agent call with the caller's peer id from its certificate, and
 * the API records as a plain Jackson mapper (the builder's client) writes and reads them.
 */
public class P2pEnvironmentsTest {

    private static final ObjectMapper PLAIN = new ObjectMapper();

    private static RestFixture rest;
    private static TestKey builder;
    private static String builderId;
    private static Https peer;

    @BeforeClass
    public static void start() {
        rest = RestFixture.start();
        builder = TestKey.create("builder-peer");
        builderId = PeerIds.of(builder.certificate());
        rest.trust.trust(builderId, builder.certificate());
        peer = rest.client(builder);
    }

    @AfterClass
    public static void stop() {
        rest.close();
    }

    @Before
    public void clean() {
        rest.bindEnvironmentServices();
        rest.agent.calls.clear();
        rest.agent.failure = null;
        rest.agent.hosted.clear();
    }

    @Test
    public void capacityAndHostedRoundTripThroughAPlainMapper() throws Exception {
        Capacity capacity = new Capacity("c".repeat(64), 8, 4L << 30, 100L << 30, 3, Set.of("debian-12", "busybox"));
        rest.agent.capacity = capacity;
        HostedEnvironment hosted = new HostedEnvironment("env-1", "web", builderId, "10.200.7.0/24",
                List.of("env-1-web-1"));
        rest.agent.hosted.add(hosted);

        Answer c = send("GET", "/p2p/environments/capacity", null);
        Answer h = send("GET", "/p2p/environments", null);

        assertEquals(c.toString(), 200, c.status());
        assertEquals(capacity, PLAIN.readValue(c.body(), Capacity.class));
        assertEquals(List.of(hosted), PLAIN.readValue(h.body(), new TypeReference<List<HostedEnvironment>>() { }));
    }

    @Test
    public void prepareConfigureAndReleaseReachTheAgentWithTheCallersId() throws Exception {
        PrepareRequest prepare = new PrepareRequest("env-1", "web", Set.of(builderId, "d".repeat(64)),
                "10.200.7.0/24");
        ConfigureRequest configure = new ConfigureRequest(Map.of("web-1", "10.200.7.11"), List.of("ssh-ed25519 AAAA k"));

        assertEquals(204, send("PUT", "/p2p/environments/env-1", PLAIN.writeValueAsString(prepare)).status());
        assertEquals(new Call("prepare", builderId, List.of(prepare)), rest.agent.lastCall());
        assertEquals(204, send("POST", "/p2p/environments/env-1/configure", PLAIN.writeValueAsString(configure))
                .status());
        assertEquals(new Call("configure", builderId, List.of("env-1", configure)), rest.agent.lastCall());
        assertEquals(204, send("DELETE", "/p2p/environments/env-1", null).status());
        assertEquals(new Call("release", builderId, List.of("env-1")), rest.agent.lastCall());
    }

    @Test
    public void containersAreCreatedWithTheirQuotaExecutedAndRemoved() throws Exception {
        ContainerRequest request = new ContainerRequest("env-1-web-1", "web-1", "debian-12",
                new Quota(null, 50, null, 512L << 20, null, null, null, null), "10.200.7.11/24");
        ContainerRequest unlimited = new ContainerRequest("env-1-web-2", "web-2", "debian-12", Quota.NONE,
                "10.200.7.12/24", List.of(), List.of(new io.peeros.container.api.PortMapping("env-1-web-2",
                        io.peeros.container.api.PortMapping.Protocol.TCP, 18080, 8080)));

        Answer created = send("PUT", "/p2p/environments/env-1/containers/env-1-web-1",
                PLAIN.writeValueAsString(request));
        assertEquals(created.toString(), 200, created.status());
        assertEquals(new AgentContainer("env-1-web-1", "RUNNING", "10.200.7.11/24"),
                PLAIN.readValue(created.body(), AgentContainer.class));
        assertEquals(new Call("createContainer", builderId, List.of("env-1", request)), rest.agent.lastCall());
        send("PUT", "/p2p/environments/env-1/containers/env-1-web-2", PLAIN.writeValueAsString(unlimited));
        assertEquals(new Call("createContainer", builderId, List.of("env-1", unlimited)), rest.agent.lastCall());

        Answer exec = send("POST", "/p2p/environments/env-1/containers/env-1-web-1/exec",
                "{\"command\":[\"sh\",\"-c\",\"id\"],\"environment\":{\"A\":\"1\"},\"workingDirectory\":\"/tmp\","
                        + "\"user\":null,\"timeout\":2.5}");
        assertEquals(exec.toString(), 200, exec.status());
        assertEquals(PLAIN.readTree("{\"exitCode\":3,\"stdout\":\"out ü\\n\",\"stderr\":\"err\\n\",\"truncated\":false}"),
                exec.json());
        assertEquals(new Call("exec", builderId, List.of("env-1", "env-1-web-1", new ExecRequest(
                List.of("sh", "-c", "id"), Map.of("A", "1"), "/tmp", null, Duration.ofMillis(2500)))),
                rest.agent.lastCall());

        Quota quota = Quota.NONE.withCpuPercent(25).withMemoryBytes(96L << 20);
        Answer setQuota = send("PUT", "/p2p/environments/env-1/containers/env-1-web-1/quota",
                PLAIN.writeValueAsString(quota));
        assertEquals(setQuota.toString(), 204, setQuota.status());
        assertEquals(new Call("setQuota", builderId, List.of("env-1", "env-1-web-1", quota)), rest.agent.lastCall());
        Answer readQuota = send("GET", "/p2p/environments/env-1/containers/env-1-web-1/quota", null);
        assertEquals(readQuota.toString(), 200, readQuota.status());
        assertEquals(Quota.NONE.withCpuPercent(25), PLAIN.readValue(readQuota.body(), Quota.class));

        assertEquals(204, send("DELETE", "/p2p/environments/env-1/containers/env-1-web-1", null).status());
        assertEquals(new Call("removeContainer", builderId, List.of("env-1", "env-1-web-1")), rest.agent.lastCall());
    }

    @Test
    public void refusalsKeepTheirCodeAndStatus() throws Exception {
        Map<String, Integer> statuses = Map.of("ENVIRONMENT_NOT_FOUND", 404, "NOT_INITIATOR", 403,
                "ENVIRONMENT_BUSY", 409, "INVALID_REQUEST", 400, "TEMPLATE_MISSING", 422, "PEER_UNREACHABLE", 502,
                "DATAPLANE_FAILED", 500);
        for (Map.Entry<String, Integer> e : statuses.entrySet()) {
            rest.agent.failure = new EnvironmentException(e.getKey(), "refused: " + e.getKey());
            Answer answer = send("DELETE", "/p2p/environments/env-1", null);
            assertError(answer, e.getValue(), e.getKey());
            assertEquals("refused: " + e.getKey(), answer.message());
        }
    }

    @Test
    public void malformedBodiesAndMismatchedIdsAreRefused() throws Exception {
        assertError(send("PUT", "/p2p/environments/env-1", "{\"environmentId\":"), 400, "BODY_INVALID");
        assertError(send("PUT", "/p2p/environments/env-1", "{\"name\":\"web\",\"members\":[],\"subnet\":\"x\"}"), 400,
                "INVALID_REQUEST");
        String other = PLAIN.writeValueAsString(new PrepareRequest("env-2", "web", Set.of(), "10.200.7.0/24"));
        assertError(send("PUT", "/p2p/environments/env-1", other), 400, "INVALID_REQUEST");
        assertEquals(List.of(), rest.agent.calls);
    }

    @Test
    public void withoutAnAgentTheEnvironmentPathsAnswer503() throws Exception {
        rest.unbindEnvironmentServices();

        assertError(send("GET", "/p2p/environments/capacity", null), 503, "ENVIRONMENTS_UNAVAILABLE");
        assertEquals(200, send("GET", "/p2p/heartbeat", null).status());
    }

    @Test
    public void theEnvironmentPathsAreNotOnThePublicPort() throws Exception {
        Answer answer = peer.send("GET", rest.publicUri("/p2p/environments/capacity"), null, null);

        assertError(answer, 404, "NOT_FOUND");
    }

    private static Answer send(String method, String path, String body) throws Exception {
        return peer.send(method, rest.peerUri(path), body, null);
    }
}
