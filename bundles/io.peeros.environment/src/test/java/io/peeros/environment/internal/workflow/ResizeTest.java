package io.peeros.environment.internal.workflow;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import io.peeros.container.api.Quota;
import io.peeros.environment.api.Environment;
import io.peeros.environment.api.EnvironmentContainer;
import io.peeros.environment.api.EnvironmentException;
import io.peeros.environment.api.EnvironmentState;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class ResizeTest {

    private static final Quota SMALL = Quota.NONE.withMemoryBytes(512L << 20).withCpuPercent(25)
            .withDiskBytes(10L << 30);

    @Rule
    public TemporaryFolder folder = new TemporaryFolder();

    private Cluster cluster;
    private Environment env;

    @Before
    public void setUp() {
        cluster = new Cluster(folder.getRoot().toPath());
        // three-peers.yaml: web (SMALL) spreads its three containers over alpha, bravo and charlie
        env = cluster.builder.build(Cluster.example("three-peers.yaml"), false, p -> { });
        assertEquals(Set.of(Cluster.A, Cluster.B, Cluster.C), web(env).stream().map(EnvironmentContainer::peerId)
                .collect(Collectors.toSet()));
    }

    @After
    public void tearDown() {
        cluster.builder.deactivate();
    }

    @Test
    public void resizeAppliesOnEveryPeerAndALaterGrowUsesIt() {
        List<String> peersDone = new java.util.concurrent.CopyOnWriteArrayList<>();
        Quota change = Quota.NONE.withCpuPercent(40).withMemoryBytes(96L << 20);

        Environment resized = cluster.builder.resize(env.name(), "web", change, p -> {
            if (p.step().equals(Workflow.RESIZE) && p.phase() == io.peeros.environment.api.Progress.Phase.DONE) {
                p.peerId().ifPresent(peersDone::add);
            }
        });

        Quota expected = SMALL.merge(change);
        assertEquals(EnvironmentState.HEALTHY, resized.state());
        assertEquals(Set.of(Cluster.A, Cluster.B, Cluster.C), Set.copyOf(peersDone));
        for (EnvironmentContainer c : web(resized)) {
            assertEquals(c.hostname(), expected, cluster.peer(c.peerId()).quotas.quota(c.name()));
        }
        // the other groups are untouched
        EnvironmentContainer cache = resized.containers().stream().filter(c -> c.group().equals("cache"))
                .findFirst().orElseThrow();
        assertEquals(Quota.NONE.withCpuPercent(50).withMemoryBytes(768L << 20),
                cluster.peer(cache.peerId()).quotas.quota(cache.name()));

        // resizing again to the same limits changes nothing
        cluster.builder.resize(env.name(), "web", change, p -> { });

        // a container added later gets the new limits, also after a restart of the builder (the journal has them)
        cluster.builder.deactivate();
        cluster.builder = cluster.newBuilder();
        Environment grown = cluster.builder.grow(env.name(), "web", 1, p -> { });
        EnvironmentContainer added = web(grown).get(3);
        assertEquals(expected, cluster.peer(added.peerId()).quotas.quota(added.name()));
    }

    @Test
    public void aRefusalOnOnePeerPutsTheOthersBack() {
        Map<String, Quota> before = quotas(env);
        cluster.c.agent.failOn = "setQuota";

        try {
            cluster.builder.resize(env.name(), "web", Quota.NONE.withMemoryBytes(96L << 20), p -> { });
            fail("resized");
        } catch (EnvironmentException e) {
            assertEquals("OPERATION_FAILED", e.code());
            assertTrue(e.getMessage(), e.getMessage().contains("INJECTED"));
            assertTrue(e.getMessage(), e.getMessage().contains("put back"));
        }

        assertEquals(before, quotas(env));
        Environment after = cluster.builder.get(env.id()).orElseThrow();
        assertEquals(EnvironmentState.HEALTHY, after.state());
        // the recorded group quota is the old one: a grow still gets SMALL
        cluster.c.agent.failOn = null;
        Environment grown = cluster.builder.grow(env.name(), "web", 1, p -> { });
        EnvironmentContainer added = web(grown).get(3);
        assertEquals(SMALL, cluster.peer(added.peerId()).quotas.quota(added.name()));
    }

    @Test
    public void aQuotaThePeersCannotHonourIsRefusedWithTheQuotaServiceCode() {
        Map<String, Quota> before = quotas(env);
        try {
            cluster.builder.resize(env.name(), "web", Quota.NONE.withMemoryBytes(8L << 20), p -> { });
            fail("resized");
        } catch (EnvironmentException e) {
            assertEquals("OPERATION_FAILED", e.code());
            assertTrue(e.getMessage(), e.getMessage().contains("INVALID_REQUEST"));
        }
        assertEquals(before, quotas(env));
        assertEquals(EnvironmentState.HEALTHY, cluster.builder.get(env.id()).orElseThrow().state());
    }

    @Test
    public void onlyTheBuilderMaySetAQuota() {
        EnvironmentContainer onB = web(env).stream().filter(c -> c.peerId().equals(Cluster.B)).findFirst()
                .orElseThrow();
        try {
            cluster.b.agent.setQuota(Cluster.C, env.id(), onB.name(), Quota.NONE.withCpuPercent(10));
            fail("charlie changed a container of alpha's environment");
        } catch (EnvironmentException e) {
            assertEquals("NOT_INITIATOR", e.code());
        }
        // over the network too: charlie's client calls bravo's p2p path
        RemoteAgent fromC = new RemoteAgent(cluster.network.client(Cluster.C), Cluster.B, P2pJson.mapper());
        try {
            fromC.setQuota(Cluster.C, env.id(), onB.name(), Quota.NONE.withCpuPercent(10));
            fail("charlie changed a container of alpha's environment");
        } catch (EnvironmentException e) {
            assertEquals("NOT_INITIATOR", e.code());
        }
        assertEquals(SMALL, cluster.b.quotas.quota(onB.name()));
    }

    @Test
    public void aResizeOfABusyEnvironmentOrAnUnknownGroupIsRefused() {
        boolean[] checked = new boolean[1];
        cluster.builder.grow(env.name(), "web", 1, p -> {
            if (!checked[0] && p.step().equals(Workflow.NETWORK) && p.peerId().isEmpty()) {
                checked[0] = true;
                try {
                    cluster.builder.resize(env.id(), "web", Quota.NONE.withCpuPercent(10), q -> { });
                    fail("resized while growing");
                } catch (EnvironmentException e) {
                    assertEquals("ENVIRONMENT_BUSY", e.code());
                }
            }
        });
        assertTrue(checked[0]);
        try {
            cluster.builder.resize(env.id(), "nope", Quota.NONE.withCpuPercent(10), q -> { });
            fail("resized an unknown group");
        } catch (EnvironmentException e) {
            assertEquals("GROUP_UNKNOWN", e.code());
        }
        try {
            cluster.builder.resize(env.id(), "web", Quota.NONE, q -> { });
            fail("resized to nothing");
        } catch (EnvironmentException e) {
            assertEquals("INVALID_REQUEST", e.code());
        }
    }

    private static List<EnvironmentContainer> web(Environment e) {
        return e.containers().stream().filter(c -> c.group().equals("web")).toList();
    }

    private Map<String, Quota> quotas(Environment e) {
        Map<String, Quota> all = new HashMap<>();
        e.containers().forEach(c -> all.put(c.name(), cluster.peer(c.peerId()).quotas.quota(c.name())));
        return all;
    }
}
