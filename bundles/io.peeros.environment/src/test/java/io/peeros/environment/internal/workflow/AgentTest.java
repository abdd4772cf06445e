package io.peeros.environment.internal.workflow;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import io.peeros.container.api.ExecRequest;
import io.peeros.container.api.ExecResult;
import io.peeros.container.api.Quota;
import io.peeros.environment.api.Environment;
import io.peeros.environment.api.EnvironmentException;
import io.peeros.environment.api.EnvironmentState;
import io.peeros.environment.api.peer.ContainerRequest;
import io.peeros.environment.api.peer.PrepareRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** The agent's contract as another peer sees it (through the p2p JSON), and the builder's refusals. */
public class AgentTest {

    @Rule
    public TemporaryFolder folder = new TemporaryFolder();

    private Cluster cluster;

    @Before
    public void setUp() {
        cluster = new Cluster(folder.getRoot().toPath());
    }

    @After
    public void tearDown() {
        cluster.builder.deactivate();
    }

    @Test
    public void onlyTheBuilderMayActOnAnEnvironment() {
        Environment env = cluster.builder.build(Cluster.example("three-peers.yaml"), false, p -> { });
        RemoteAgent fromBravo = new RemoteAgent(cluster.network.client(Cluster.B), Cluster.C, P2pJson.mapper());

        for (Runnable call : List.<Runnable>of(
                () -> fromBravo.release(Cluster.B, env.id()),
                () -> fromBravo.prepare(Cluster.B, new PrepareRequest(env.id(), env.name(), Set.of(Cluster.B),
                        env.subnet())),
                () -> fromBravo.exec(Cluster.B, env.id(), "x", ExecRequest.of("true")),
                () -> fromBravo.removeContainer(Cluster.B, env.id(), "x"))) {
            try {
                call.run();
                fail("accepted");
            } catch (EnvironmentException e) {
                assertEquals("NOT_INITIATOR", e.code());
                assertTrue(e.getMessage(), e.getMessage().contains("managed by peer aaaaaaaaaaaa"));
            }
        }
        assertEquals(1, cluster.c.real.hosted().size());
        assertEquals(env.containers().stream().filter(c -> c.peerId().equals(Cluster.C)).count(),
                cluster.c.containers.list().size());
    }

    @Test
    public void agentCallsAreIdempotent() {
        RemoteAgent agent = new RemoteAgent(cluster.network.client(Cluster.A), Cluster.B, P2pJson.mapper());
        PrepareRequest prepare = new PrepareRequest("env-abcdef", "env", Set.of(Cluster.A, Cluster.B),
                "10.200.3.0/24");
        ContainerRequest request = new ContainerRequest("env-abcdef-web-1", "web-1", "busybox",
                Quota.NONE.withMemoryBytes(256L << 20), "10.200.3.10/24");

        agent.prepare(Cluster.A, prepare);
        agent.prepare(Cluster.A, prepare);
        assertEquals("RUNNING", agent.createContainer(Cluster.A, "env-abcdef", request).state());
        assertEquals("10.200.3.10/24", agent.createContainer(Cluster.A, "env-abcdef", request).address());
        assertEquals(1, cluster.b.containers.list().size());
        assertEquals(List.of("env-abcdef-web-1"), agent.hosted().get(0).containers());

        ExecResult echo = agent.exec(Cluster.A, "env-abcdef", "env-abcdef-web-1", new ExecRequest(
                List.of("/bin/sh", "-c", "echo hi"), Map.of(), null, null, Duration.ofSeconds(5)));
        assertEquals(0, echo.exitCode());

        agent.removeContainer(Cluster.A, "env-abcdef", "env-abcdef-web-1");
        agent.removeContainer(Cluster.A, "env-abcdef", "env-abcdef-web-1");
        agent.release(Cluster.A, "env-abcdef");
        agent.release(Cluster.A, "env-abcdef");
        assertTrue(cluster.b.empty());
    }

    @Test
    public void aContainerOfAnotherEnvironmentOrOwnerIsNeverTaken() {
        cluster.b.containers.fake.with("env-abcdef-web-1", "busybox", io.peeros.container.api.ContainerState.RUNNING);
        RemoteAgent agent = new RemoteAgent(cluster.network.client(Cluster.A), Cluster.B, P2pJson.mapper());
        agent.prepare(Cluster.A, new PrepareRequest("env-abcdef", "env", Set.of(Cluster.A, Cluster.B),
                "10.200.3.0/24"));
        try {
            agent.createContainer(Cluster.A, "env-abcdef", new ContainerRequest("env-abcdef-web-1", "web-1",
                    "busybox", Quota.NONE, "10.200.3.10/24"));
            fail("took the container");
        } catch (EnvironmentException e) {
            assertEquals("INVALID_REQUEST", e.code());
        }
        agent.release(Cluster.A, "env-abcdef");
        assertEquals(1, cluster.b.containers.list().size());
    }

    @Test
    public void aRecordSurvivesARestartOfTheAgentAndStillGuardsTheEnvironment() {
        cluster.b.real.prepare(Cluster.A, new PrepareRequest("env-abcdef", "env", Set.of(Cluster.A, Cluster.B),
                "10.200.3.0/24"));
        cluster.b.restartAgent();
        assertEquals(Cluster.A, cluster.b.real.hosted().get(0).builderPeerId());
        try {
            cluster.b.real.release(Cluster.C, "env-abcdef");
            fail("released");
        } catch (EnvironmentException e) {
            assertEquals("NOT_INITIATOR", e.code());
        }
        cluster.b.real.release(Cluster.A, "env-abcdef");
        assertTrue(cluster.b.empty());
    }

    @Test
    public void anUnknownEnvironmentIsNotFound() {
        try {
            cluster.b.real.configure(Cluster.A, "nope-abcdef", new io.peeros.environment.api.peer.ConfigureRequest(
                    Map.of(), List.of()));
            fail("configured");
        } catch (EnvironmentException e) {
            assertEquals("ENVIRONMENT_NOT_FOUND", e.code());
        }
    }

    @Test
    public void theBodiesAreTheApiRecordsAsJson() throws Exception {
        ContainerRequest request = new ContainerRequest("n", "h", "busybox", Quota.NONE.withCpuPercent(50),
                "10.200.3.10/24");
        String json = new String(P2pJson.mapper().writeValueAsBytes(request), StandardCharsets.UTF_8);
        assertEquals("{\"name\":\"n\",\"hostname\":\"h\",\"template\":\"busybox\",\"quota\":{\"cpuWeight\":null,"
                + "\"cpuPercent\":50,\"cpuset\":null,\"memoryBytes\":null,\"swapBytes\":null,\"pids\":null,"
                + "\"diskBytes\":null,\"networkBitsPerSecond\":null},\"address\":\"10.200.3.10/24\",\"templateSources\":[],"
                + "\"ports\":[]}", json);
        String fromAnOldBuilder = json.replace(",\"templateSources\":[],\"ports\":[]", "");
        assertEquals(request, P2pJson.mapper().readValue(fromAnOldBuilder, ContainerRequest.class));
        ContainerRequest withSources = new ContainerRequest("n", "h", "busybox", Quota.NONE, "10.200.3.10/24",
                List.of(Cluster.B, Cluster.C));
        assertEquals(withSources, P2pJson.mapper().readValue(P2pJson.mapper().writeValueAsBytes(withSources),
                ContainerRequest.class));
        ContainerRequest withPorts = new ContainerRequest("n", "h", "busybox", Quota.NONE, "10.200.3.10/24",
                List.of(), List.of(new io.peeros.container.api.PortMapping("n",
                        io.peeros.container.api.PortMapping.Protocol.UDP, 20053, 53)));
        String portsJson = new String(P2pJson.mapper().writeValueAsBytes(withPorts), StandardCharsets.UTF_8);
        assertTrue(portsJson, portsJson.endsWith("\"ports\":[{\"container\":\"n\",\"protocol\":\"UDP\","
                + "\"hostPort\":20053,\"containerPort\":53}]}"));
        assertEquals(withPorts, P2pJson.mapper().readValue(portsJson, ContainerRequest.class));
        String exec = new String(P2pJson.mapper().writeValueAsBytes(new ExecRequest(List.of("true"), Map.of(), null,
                null, Duration.ofMillis(1500))), StandardCharsets.UTF_8);
        assertEquals("{\"command\":[\"true\"],\"environment\":{},\"workingDirectory\":null,\"user\":null,"
                + "\"timeout\":1.500}", exec);
    }

    @Test
    public void aSubnetInUseOnAPeerIsReplacedByAnother() {
        // every /24 the hash would choose first is taken on charlie: the build moves on to a free one
        Environment first = cluster.builder.build(Cluster.example("three-peers.yaml"), false, p -> { });
        cluster.builder.destroy(first.id(), p -> { });
        for (int i = 0; i < 256; i += 2) {
            cluster.c.swarms.localSubnets.add("10.200." + i + ".0/24");
        }
        Environment env = cluster.builder.build(Cluster.example("three-peers.yaml"), false, p -> { });
        assertEquals(env.failure().orElse(""), EnvironmentState.HEALTHY, env.state());
        int third = Integer.parseInt(env.subnet().split("\\.")[2]);
        assertEquals(1, third % 2);
        assertTrue(env.containers().stream().allMatch(c -> c.address().startsWith("10.200." + third + ".")));
    }

    @Test
    public void aSecondOperationOnABusyEnvironmentIsRefused() {
        Environment[] inner = new Environment[1];
        cluster.builder.build(Cluster.example("hello.yaml"), false, p -> {
            if (p.step().equals("network") && p.peerId().isEmpty() && inner[0] == null) {
                inner[0] = cluster.builder.get("hello").orElseThrow();
                try {
                    cluster.builder.destroy(p.environmentId(), q -> { });
                    fail("destroyed while building");
                } catch (EnvironmentException e) {
                    assertEquals("ENVIRONMENT_BUSY", e.code());
                }
            }
        });
        assertEquals(EnvironmentState.BUILDING, inner[0].state());
        try {
            cluster.builder.build(Cluster.example("hello.yaml"), false, p -> { });
            fail("two environments named hello");
        } catch (EnvironmentException e) {
            assertEquals("INVALID_REQUEST", e.code());
        }
    }

    @Test
    public void placementImpossibleNamesTheGroupAndWhyEachPeerWasRejected() {
        String big = "name: big\ncontainers:\n  - name: db\n    template: debian-12\n    size: SMALL\n"
                + "    placement:\n      minFreeRam: 32GiB\n";
        expectPlacement(big, "group 'db' (container db) cannot be placed: peer alpha (aaaaaaaa): free RAM 16.0 GiB "
                + "is below the 32.0 GiB asked for; peer bravo (bbbbbbbb): free RAM 8.0 GiB is below the 32.0 GiB "
                + "asked for; peer charlie (cccccccc): free RAM 2.0 GiB is below the 32.0 GiB asked for");

        String named = "name: named\ncontainers:\n  - name: db\n    template: debian-12\n"
                + "    placement:\n      peer: delta\n";
        expectPlacement(named, "group 'db': placement.peer 'delta' matches no approved peer");

        String template = "name: tmpl\ncontainers:\n  - name: db\n    template: alpine-3\n";
        cluster.states.put(Cluster.C, io.peeros.registry.api.PeerState.OFFLINE);
        cluster.b.unreachable = true;
        expectPlacement(template, "peer alpha (aaaaaaaa): has no template alpine-3; peer bravo (bbbbbbbb): "
                + "unavailable (PEER_UNREACHABLE: peer bravo does not answer)");
        assertTrue(cluster.allEmpty());
        assertTrue(cluster.builder.list().isEmpty());
    }

    @Test
    public void placementByPeerNameOrIdPrefix() {
        String byName = "name: byname\ncontainers:\n  - name: db\n    template: busybox\n"
                + "    placement:\n      peer: charlie\n";
        assertEquals(Cluster.C, cluster.builder.plan(Cluster.parse(byName)).containers().get(0).container().peerId());
        String byPrefix = "name: byprefix\ncontainers:\n  - name: db\n    template: busybox\n"
                + "    placement:\n      peer: bbbbbbbb\n";
        assertEquals(Cluster.B, cluster.builder.plan(Cluster.parse(byPrefix)).containers().get(0).container()
                .peerId());
    }

    @Test
    public void withoutAPeerClientTheBuilderUsesThisPeerAlone() {
        cluster.builder.client = null;

        Environment env = cluster.builder.build(Cluster.example("hello.yaml"), false, p -> { });

        assertEquals(EnvironmentState.HEALTHY, env.state());
        assertTrue(env.containers().stream().allMatch(c -> c.peerId().equals(Cluster.A)));
        assertEquals(0, cluster.network.calls.get());
        try {
            cluster.builder.plan(Cluster.parse("name: far\ncontainers:\n  - name: db\n    template: busybox\n"
                    + "    placement:\n      peer: bravo\n"));
            fail("planned on bravo");
        } catch (EnvironmentException e) {
            assertTrue(e.getMessage(), e.getMessage().contains("peer bravo (bbbbbbbb): unavailable (PEER_UNREACHABLE: "
                    + "no peer-to-peer client is running on this peer"));
        }
    }

    private void expectPlacement(String yaml, String message) {
        try {
            cluster.builder.build(Cluster.parse(yaml), false, p -> { });
            fail("placed");
        } catch (EnvironmentException e) {
            assertEquals("PLACEMENT_IMPOSSIBLE", e.code());
            assertTrue(e.getMessage(), e.getMessage().contains(message));
        }
    }
}
