package io.peeros.environment.internal.workflow;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import io.peeros.environment.api.Environment;
import io.peeros.environment.api.EnvironmentContainer;
import io.peeros.environment.api.EnvironmentState;
import io.peeros.environment.api.Plan;
import io.peeros.environment.api.PlannedContainer;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class BuildTest {

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
    public void helloIsBuiltOnOnePeerAndProvisioned() {
        // given hello.yaml: two busybox containers packed on one peer
        Environment env = cluster.builder.build(Cluster.example("hello.yaml"), false, p -> { });

        // then it is healthy, both on alpha (the most free RAM), each with its hostname and a complete hosts table
        assertEquals(env.failure().orElse(""), EnvironmentState.HEALTHY, env.state());
        assertEquals(List.of("hello-1", "hello-2"), env.containers().stream().map(EnvironmentContainer::hostname)
                .toList());
        assertTrue(env.containers().stream().allMatch(c -> c.peerId().equals(Cluster.A)));
        for (EnvironmentContainer c : env.containers()) {
            assertEquals("RUNNING", cluster.a.containers.state(c.name()).name());
            assertEquals(c.hostname(), cluster.a.containers.info(c.name()).hostname());
            String hosts = cluster.a.containers.files.get(c.name()).get("/etc/hosts");
            assertTrue(hosts, hosts.contains("127.0.0.1\tlocalhost"));
            for (EnvironmentContainer other : env.containers()) {
                assertTrue(hosts, hosts.contains(Planner.ip(other.address()) + "\t" + other.hostname() + "\n"));
            }
            assertEquals(List.of("echo \"hello from $(hostname)\" > /etc/motd"),
                    cluster.a.containers.commands.get(c.name()));
        }
        assertEquals(List.of(env.subnet().replace(".0/24", ".10/24"), env.subnet().replace(".0/24", ".11/24")),
                env.containers().stream().map(EnvironmentContainer::address).toList());
        assertTrue(cluster.b.empty());
        assertTrue(cluster.c.empty());
        assertEquals(Set.of(Cluster.A), cluster.a.swarms.members.get(env.id()));
        assertTrue(env.id().matches("hello-[a-z2-7]{6}"));
    }

    @Test
    public void threePeersArePlacedByConstraintsAndNetworked() {
        Plan plan = cluster.builder.plan(Cluster.example("three-peers.yaml"));
        Map<String, String> planned = plan.containers().stream().collect(Collectors.toMap(
                p -> p.container().hostname(), p -> p.container().peerId()));

        List<String> messages = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        Environment env = cluster.builder.build(Cluster.example("three-peers.yaml"), false,
                p -> messages.add(p.message()));

        assertEquals(env.failure().orElse(""), EnvironmentState.HEALTHY, env.state());
        assertEquals(8, env.containers().size());
        // web is 'after: [cache]': every cache runs before the first web is created
        int lastCache = List.of("cache1", "cache2", "cache3").stream().mapToInt(h -> indexOf(messages, h + " running"))
                .max().orElseThrow();
        assertTrue(messages.toString(), lastCache >= 0 && lastCache < indexOf(messages, "web-1: creating"));
        // web spread one per peer; the caches together on one peer; everything where the plan said
        assertEquals(3, env.containers().stream().filter(c -> c.group().equals("web")).map(
                EnvironmentContainer::peerId).distinct().count());
        assertEquals(1, env.containers().stream().filter(c -> c.group().equals("cache")).map(
                EnvironmentContainer::peerId).distinct().count());
        Map<String, String> built = env.containers().stream().collect(Collectors.toMap(
                EnvironmentContainer::hostname, EnvironmentContainer::peerId));
        assertEquals(planned, built);
        for (EnvironmentContainer c : env.containers()) {
            GuestContainers host = cluster.peer(c.peerId()).containers;
            assertEquals("RUNNING", host.state(c.name()).name());
            String hosts = host.files.get(c.name()).get("/etc/hosts");
            for (EnvironmentContainer other : env.containers()) {
                assertTrue(hosts, hosts.contains(Planner.ip(other.address()) + "\t" + other.hostname() + "\n"));
            }
        }
        // every peer is in the swarm with the three members, and records the builder
        for (FakePeer p : cluster.peers()) {
            assertEquals(Set.of(Cluster.A, Cluster.B, Cluster.C), p.swarms.members.get(env.id()));
            assertEquals(Cluster.A, p.real.hosted().get(0).builderPeerId());
        }
        // provisioning ran where it should: nginx on the webs, the file in lb with its content
        EnvironmentContainer lb = env.containers().stream().filter(c -> c.hostname().equals("lb")).findFirst()
                .orElseThrow();
        assertTrue(cluster.peer(lb.peerId()).containers.files.get(lb.name()).get("/etc/haproxy/backends.cfg")
                .contains("web-1 .. web-3"));
        for (EnvironmentContainer web : env.containers().stream().filter(c -> c.group().equals("web")).toList()) {
            assertTrue(cluster.peer(web.peerId()).containers.commands.get(web.name()).get(0).contains("nginx"));
        }
        // quotas from the size class or the explicit quota were applied on the hosting peer
        PlannedContainer cache = plan.containers().stream().filter(p -> p.container().group().equals("cache"))
                .findFirst().orElseThrow();
        assertEquals(Long.valueOf(768L << 20), cache.quota().memoryBytes());
        assertFalse(cluster.peer(built.get("cache1")).quotas.calls.isEmpty());
        assertEquals(List.of(env), cluster.builder.list());
        assertEquals(env, cluster.builder.get("three-peers").orElseThrow());
    }

    @Test
    public void grownShrunkAndDestroyedLeaveExactlyWhatTheyShould() {
        Environment env = cluster.builder.build(Cluster.example("three-peers.yaml"), false, p -> { });

        Environment grown = cluster.builder.grow(env.name(), "web", 2, p -> { });
        assertEquals(EnvironmentState.HEALTHY, grown.state());
        assertEquals(List.of("web-1", "web-2", "web-3", "web-4", "web-5"), hostnames(grown, "web"));
        assertEquals(10, containerCount());
        for (EnvironmentContainer c : grown.containers()) {
            String hosts = cluster.peer(c.peerId()).containers.files.get(c.name()).get("/etc/hosts");
            assertTrue(c.hostname() + ": " + hosts, hosts.contains("\tweb-5\n"));
        }

        Environment shrunk = cluster.builder.shrink(env.id(), "web", 3, p -> { });
        assertEquals(EnvironmentState.HEALTHY, shrunk.state());
        assertEquals(List.of("web-1", "web-2"), hostnames(shrunk, "web"));
        assertEquals(7, containerCount());
        for (EnvironmentContainer c : shrunk.containers()) {
            String hosts = cluster.peer(c.peerId()).containers.files.get(c.name()).get("/etc/hosts");
            assertFalse(c.hostname() + ": " + hosts, hosts.contains("\tweb-3\n"));
        }

        cluster.builder.destroy(env.name(), p -> { });
        assertTrue(cluster.allEmpty());
        assertTrue(cluster.builder.list().isEmpty());
        assertTrue(cluster.builder.get(env.id()).isEmpty());
    }

    @Test
    public void aFailedGrowIsUndone() {
        Environment env = cluster.builder.build(Cluster.example("three-peers.yaml"), false, p -> { });
        cluster.b.containers.failing = "nginx";

        try {
            cluster.builder.grow(env.name(), "web", 3, p -> { });
            throw new AssertionError("grew");
        } catch (io.peeros.environment.api.EnvironmentException e) {
            assertEquals("OPERATION_FAILED", e.code());
        }
        Environment after = cluster.builder.get(env.id()).orElseThrow();
        assertEquals(EnvironmentState.HEALTHY, after.state());
        assertEquals(env.containers(), after.containers());
        assertEquals(8, containerCount());
    }

    private static int indexOf(List<String> messages, String prefix) {
        synchronized (messages) {
            for (int i = 0; i < messages.size(); i++) {
                if (messages.get(i).startsWith(prefix)) {
                    return i;
                }
            }
        }
        return -1;
    }

    private int containerCount() {
        return cluster.peers().stream().mapToInt(p -> p.containers.list().size()).sum();
    }

    private static List<String> hostnames(Environment env, String group) {
        return env.containers().stream().filter(c -> c.group().equals(group)).map(EnvironmentContainer::hostname)
                .sorted().toList();
    }
}
