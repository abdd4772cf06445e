package io.peeros.environment.internal.workflow;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import io.peeros.container.api.PortMapping;
import io.peeros.container.api.Quota;
import io.peeros.container.api.testing.FakeContainerManager;
import io.peeros.environment.api.Environment;
import io.peeros.environment.api.EnvironmentContainer;
import io.peeros.environment.api.EnvironmentException;
import io.peeros.environment.api.EnvironmentState;
import io.peeros.environment.api.Plan;
import io.peeros.environment.api.peer.ContainerRequest;
import java.util.List;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class PortsTest {

    private static final String WEB_ON_BRAVO = """
            name: ported
            containers:
              - name: web
                template: busybox
                placement: {peer: bravo}
                ports:
                  - {port: 8080, protocol: tcp, hostPort: 18080}
                  - 53/udp
              - name: db
                template: busybox
            """;

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
    public void exposedPortsAreMappedOnTheHostingPeerAndGoWithTheEnvironment() {
        // when an environment with a fixed and an automatic host port is built
        Environment env = cluster.builder.build(Cluster.parse(WEB_ON_BRAVO), false, p -> { });

        // then bravo forwards both to web, as the environment records, and no other peer maps anything
        assertEquals(env.failure().orElse(""), EnvironmentState.HEALTHY, env.state());
        EnvironmentContainer web = container(env, "web");
        assertEquals(Cluster.B, web.peerId());
        assertEquals(2, web.ports().size());
        PortMapping fixed = web.ports().get(0);
        assertEquals(new PortMapping(web.name(), PortMapping.Protocol.TCP, 18080, 8080), fixed);
        PortMapping auto = web.ports().get(1);
        assertEquals(PortMapping.Protocol.UDP, auto.protocol());
        assertEquals(53, auto.containerPort());
        assertTrue(auto.hostPort() >= Ports.AUTO_FIRST && auto.hostPort() <= Ports.AUTO_LAST);
        assertEquals(List.of(fixed, auto), sorted(cluster.b.containers.ports(web.name())));
        assertEquals(List.of(), container(env, "db").ports());

        // when it is destroyed, the mappings go with the containers
        cluster.builder.destroy(env.id(), p -> { });
        assertTrue(cluster.allEmpty());
    }

    @Test
    public void creatingAgainKeepsTheMappingAndDropsOnesNoLongerAsked() {
        cluster.a.real.prepare(Cluster.A, new io.peeros.environment.api.peer.PrepareRequest("env-p", "p",
                java.util.Set.of(Cluster.A), "10.200.9.0/24"));
        PortMapping m = new PortMapping("env-p-web", PortMapping.Protocol.TCP, 18080, 8080);
        ContainerRequest request = new ContainerRequest("env-p-web", "web", "busybox", Quota.NONE, "10.200.9.10/24",
                List.of(), List.of(m));
        cluster.a.real.createContainer(Cluster.A, "env-p", request);
        cluster.a.real.createContainer(Cluster.A, "env-p", request);
        assertEquals(List.of(m), cluster.a.containers.ports("env-p-web"));

        cluster.a.real.createContainer(Cluster.A, "env-p", new ContainerRequest("env-p-web", "web", "busybox",
                Quota.NONE, "10.200.9.10/24"));
        assertEquals(List.of(), cluster.a.containers.ports("env-p-web"));
    }

    @Test
    public void twoContainersOnOnePeerCannotTakeOneHostPort() {
        String blueprint = """
                name: clash
                containers:
                  - name: web
                    template: busybox
                    placement: {peer: bravo}
                    ports: [{port: 80, hostPort: 8000}]
                  - name: api
                    template: busybox
                    placement: {peer: bravo}
                    ports: [{port: 9000, hostPort: 8000}]
                """;
        EnvironmentException e = refused(blueprint);
        assertEquals("PORT_CONFLICT", e.code());
        assertTrue(e.getMessage(), e.getMessage().contains("containers web (group 'web') and api (group 'api') both "
                + "ask for tcp host port 8000 on peer bravo"));
    }

    @Test
    public void aGroupOfSeveralWithAFixedHostPortOnOnePeerIsRefused() {
        String blueprint = """
                name: many
                containers:
                  - name: web
                    template: busybox
                    count: 2
                    placement: {peer: bravo}
                    ports: [{port: 80, hostPort: 8000}]
                """;
        EnvironmentException e = refused(blueprint);
        assertEquals("PORT_CONFLICT", e.code());
        assertTrue(e.getMessage(), e.getMessage().contains("group 'web' has 2 containers and the fixed tcp host "
                + "port 8000 on peer bravo"));
        assertTrue(cluster.allEmpty());
    }

    @Test
    public void aGroupOfSeveralWithoutHostPortGetsOnePerContainer() {
        Plan plan = cluster.builder.plan(Cluster.parse("""
                name: auto
                containers:
                  - name: web
                    template: busybox
                    count: 3
                    placement: {strategy: pack}
                    ports: [8080]
                """));
        List<Integer> hostPorts = plan.containers().stream()
                .map(p -> p.container().ports().get(0).hostPort()).distinct().toList();
        assertEquals(3, hostPorts.size());
    }

    @Test
    public void aGrownContainerGetsAHostPortOfItsOwnAndAShrunkOneTakesItsAway() {
        // given an environment of one container with an automatic host port
        Environment env = cluster.builder.build(Cluster.parse("""
                name: grown
                containers:
                  - name: web
                    template: busybox
                    placement: {peer: alpha}
                    ports: [8080]
                """), false, p -> { });
        int first = env.containers().get(0).ports().get(0).hostPort();

        // when the group grows by one, the new container gets another host port of alpha
        Environment grown = cluster.builder.grow(env.id(), "web", 1, p -> { });
        assertEquals(grown.failure().orElse(""), EnvironmentState.HEALTHY, grown.state());
        EnvironmentContainer added = grown.containers().get(1);
        int second = added.ports().get(0).hostPort();
        assertTrue(first + " " + second, first != second);
        assertEquals(List.of(new PortMapping(added.name(), PortMapping.Protocol.TCP, second, 8080)),
                cluster.a.containers.ports(added.name()));

        // when it shrinks again, the removed container's mapping goes with it
        cluster.builder.shrink(env.id(), "web", 1, p -> { });
        assertEquals(1, cluster.a.containers.list().size());
        assertEquals(1, cluster.a.containers.fake.ports(env.containers().get(0).name()).size());
    }

    @Test
    public void httpExposureIsRefusedNamingTheField() {
        EnvironmentException e = refused("""
                name: proxied
                containers:
                  - name: web
                    template: busybox
                    ports: [443/tcp, {port: 80, protocol: http, domain: example.org}]
                """);
        assertEquals("containers[0].ports[1].protocol: HTTP/HTTPS exposure needs the reverse proxy, which PeerOS "
                + "does not have yet; use tcp", e.getMessage());
    }

    @Test
    public void aHostPortInUseOnThePeerRollsTheBuildBack() {
        // given a container outside the environment holding bravo's port 18080
        FakeContainerManager fake = cluster.b.containers.fake;
        fake.create("squatter", new io.peeros.container.api.Template("busybox", folder.getRoot().toPath()));
        fake.mapPort("squatter", PortMapping.Protocol.TCP, 18080, 80);

        Environment env = cluster.builder.build(Cluster.parse(WEB_ON_BRAVO), false, p -> { });

        assertEquals(EnvironmentState.FAILED, env.state());
        String failure = env.failure().orElse("");
        assertTrue(failure, failure.startsWith("step containers failed on peer bravo"));
        assertTrue(failure, failure.contains("cannot map host port 18080/tcp to port 8080"));
        assertEquals(List.of("squatter"), fake.list().stream().map(i -> i.name()).toList());
        assertEquals(1, fake.ports("squatter").size());
        assertTrue(cluster.a.empty());
        assertTrue(cluster.b.real.hosted().isEmpty());
    }

    @Test
    public void aContainerRecordedBeforePortsReadsWithNone() throws Exception {
        EnvironmentContainer old = P2pJson.mapper().readValue("{\"name\":\"e-web\",\"hostname\":\"web\","
                + "\"group\":\"web\",\"peerId\":\"p\",\"address\":\"10.200.1.10/24\",\"template\":\"busybox\"}",
                EnvironmentContainer.class);
        assertEquals(new EnvironmentContainer("e-web", "web", "web", "p", "10.200.1.10/24", "busybox"), old);
        assertEquals(List.of(), old.ports());
    }

    private EnvironmentException refused(String blueprint) {
        try {
            cluster.builder.plan(Cluster.parse(blueprint));
            fail("planned");
            return null;
        } catch (EnvironmentException e) {
            return e;
        }
    }

    private static EnvironmentContainer container(Environment env, String group) {
        return env.containers().stream().filter(c -> c.group().equals(group)).findFirst().orElseThrow();
    }

    private static List<PortMapping> sorted(List<PortMapping> ports) {
        return ports.stream().sorted(java.util.Comparator.comparing(PortMapping::protocol)).toList();
    }
}
