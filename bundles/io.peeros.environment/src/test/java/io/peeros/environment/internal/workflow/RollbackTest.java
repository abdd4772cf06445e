package io.peeros.environment.internal.workflow;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import io.peeros.environment.api.Environment;
import io.peeros.environment.api.EnvironmentState;
import io.peeros.environment.api.Progress;
import io.peeros.environment.api.peer.PrepareRequest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class RollbackTest {

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
    public void aFailureAtPrepareIsRolledBackEverywhere() {
        cluster.b.agent.failOn = "prepare";
        assertRolledBack("prepare");
    }

    @Test
    public void aFailureAtContainersIsRolledBackEverywhere() {
        cluster.b.agent.failOn = "createContainer";
        assertRolledBack("containers");
    }

    @Test
    public void aPeerWithoutTheTemplateFetchesItInsteadOfBeingAvoided() {
        cluster.b.templates.remove("debian-12", null);
        Environment env = cluster.builder.build(Cluster.example("three-peers.yaml"), false, p -> { });
        assertEquals(EnvironmentState.HEALTHY, env.state());
        assertTrue(env.containers().stream().anyMatch(c -> c.peerId().equals(Cluster.B)));
        assertEquals(List.of(Cluster.A + " templates/debian-12"), cluster.network.downloads);
    }

    @Test
    public void aTemplateThatDisappearsAfterPlanningIsNamedWithItsPeer() {
        cluster.network.downloadsFail.add(Cluster.A);
        cluster.network.downloadsFail.add(Cluster.C);
        Environment env = cluster.builder.build(Cluster.example("three-peers.yaml"), false, p -> {
            if (p.step().equals("containers") && p.phase() == Progress.Phase.STARTED && p.peerId().isEmpty()) {
                cluster.b.templates.remove("debian-12", null);
            }
        });
        assertEquals(EnvironmentState.FAILED, env.state());
        String failure = env.failure().orElseThrow();
        assertTrue(failure, failure.startsWith("step containers failed on peer bravo (bbbbbbbb): TEMPLATE_MISSING: "
                + "template 'debian-12' is not on peer bbbbbbbbbbbb"));
        assertTrue(cluster.allEmpty());
    }

    @Test
    public void aFailureAtNetworkIsRolledBackEverywhere() {
        cluster.b.agent.failOn = "configure";
        assertRolledBack("network");
    }

    @Test
    public void aFailureAtProvisionIsRolledBackEverywhere() {
        cluster.b.containers.failing = "nginx";
        Environment env = assertRolledBack("provision");
        assertTrue(env.failure().orElseThrow(), env.failure().orElseThrow().contains("PROVISIONING_FAILED"));
        assertTrue(env.failure().orElseThrow(), env.failure().orElseThrow().contains("web-2"));
    }

    @Test
    public void aFailureAtHealthIsRolledBackEverywhere() {
        cluster.b.containers.sick = true;
        assertRolledBack("health");
    }

    @Test
    public void keepOnFailureKeepsEverythingUntilDestroyed() {
        cluster.b.agent.failOn = "configure";

        Environment env = cluster.builder.build(Cluster.example("three-peers.yaml"), true, p -> { });

        assertEquals(EnvironmentState.FAILED, env.state());
        assertTrue(env.failure().orElseThrow(), env.failure().orElseThrow().contains("kept for debugging"));
        assertFalse(cluster.a.empty());
        assertFalse(cluster.b.empty());
        assertEquals(8, cluster.peers().stream().mapToInt(p -> p.containers.list().size()).sum());

        cluster.builder.destroy(env.id(), p -> { });
        assertTrue(cluster.allEmpty());
        assertTrue(cluster.builder.list().isEmpty());
    }

    @Test
    public void aCancelledBuildIsRolledBack() {
        String[] id = new String[1];
        Environment env = cluster.builder.build(Cluster.example("three-peers.yaml"), false, p -> {
            id[0] = p.environmentId();
            if (p.step().equals("containers") && p.phase() == Progress.Phase.STARTED && p.peerId().isEmpty()) {
                assertTrue(cluster.builder.cancel(p.environmentId()));
            }
        });
        assertEquals(EnvironmentState.CANCELLED, env.state());
        assertTrue(env.failure().orElseThrow(), env.failure().orElseThrow().contains("cancelled by the operator"));
        assertTrue(cluster.allEmpty());
        assertFalse(cluster.builder.cancel(id[0]));
    }

    @Test
    public void aPeerUnreachableDuringRollbackIsReleasedWhenItAnswersAgain() {
        cluster.b.agent.failOn = "createContainer";
        Consumer<Progress> cutCharlie = p -> {
            if (p.step().equals("containers") && p.phase() == Progress.Phase.STARTED && p.peerId().isEmpty()) {
                cluster.c.unreachable = true;
            }
        };

        Environment env = cluster.builder.build(Cluster.example("three-peers.yaml"), false, cutCharlie);

        assertEquals(EnvironmentState.FAILED, env.state());
        assertTrue(cluster.a.empty());
        assertTrue(cluster.b.empty());
        assertFalse(cluster.c.empty());
        Journal journal = new JournalStore(cluster.journals).load().get(0);
        assertEquals(Set.of(Cluster.C), journal.releasePending());

        cluster.c.unreachable = false;
        cluster.builder.retryPendingReleases();

        assertTrue(cluster.allEmpty());
        assertTrue(new JournalStore(cluster.journals).load().get(0).releasePending().isEmpty());
    }

    @Test
    public void aBuildInterruptedByACrashIsRolledBackByTheNextBuilder() throws Exception {
        // given a build that dies (as a kill -9 would) when the network step starts
        List<Progress> seen = Collections.synchronizedList(new ArrayList<>());
        try {
            cluster.builder.build(Cluster.example("three-peers.yaml"), false, p -> {
                seen.add(p);
                if (p.step().equals("network") && p.phase() == Progress.Phase.STARTED && p.peerId().isEmpty()) {
                    throw new Crash();
                }
            });
            fail("no crash");
        } catch (Crash expected) {
            // the builder is gone
        }
        cluster.builder.deactivate();
        String id = seen.get(0).environmentId();
        assertFalse(cluster.c.empty());
        assertEquals(EnvironmentState.BUILDING, new JournalStore(cluster.journals).load().get(0).state());

        // when a new builder starts over the same journals
        cluster.builder = cluster.newBuilder();
        cluster.builder.awaitRecovery();

        // then the build was rolled back everywhere and says why
        Environment env = cluster.builder.get(id).orElseThrow();
        assertEquals(EnvironmentState.FAILED, env.state());
        assertEquals("interrupted by a restart of the builder", env.failure().orElseThrow());
        assertTrue(cluster.allEmpty());
    }

    @Test
    public void aCrashAtTheStartOfAnyStepIsRolledBackByTheNextBuilder() throws Exception {
        for (String step : List.of("prepare", "containers", "network", "provision", "health")) {
            crashAt("three-peers.yaml", step);
            cluster.builder = cluster.newBuilder();
            cluster.builder.awaitRecovery();
            Environment env = cluster.builder.get("three-peers").orElse(cluster.builder.list().get(0));
            assertEquals(step, EnvironmentState.FAILED, env.state());
            assertTrue(step, cluster.allEmpty());
            cluster.builder.destroy(env.id(), p -> { });
            assertTrue(cluster.builder.list().isEmpty());
        }
    }

    @Test
    public void aGrowInterruptedByACrashIsUndoneAndADestroyFinished() throws Exception {
        Environment env = cluster.builder.build(Cluster.example("three-peers.yaml"), false, p -> { });
        try {
            cluster.builder.grow(env.id(), "web", 2, p -> {
                if (p.step().equals("network") && p.phase() == Progress.Phase.STARTED && p.peerId().isEmpty()) {
                    throw new Crash();
                }
            });
            fail("no crash");
        } catch (Crash expected) {
            cluster.builder.deactivate();
        }
        assertEquals(10, cluster.peers().stream().mapToInt(p -> p.containers.list().size()).sum());

        cluster.builder = cluster.newBuilder();
        cluster.builder.awaitRecovery();

        Environment after = cluster.builder.get(env.id()).orElseThrow();
        assertEquals(EnvironmentState.HEALTHY, after.state());
        assertEquals(env.containers(), after.containers());
        assertEquals(8, cluster.peers().stream().mapToInt(p -> p.containers.list().size()).sum());

        // a destroy cut short (a peer did not answer, then the builder died) is finished at the next start
        cluster.c.unreachable = true;
        try {
            cluster.builder.destroy(env.id(), p -> { });
            fail("destroyed with charlie away");
        } catch (io.peeros.environment.api.EnvironmentException e) {
            assertEquals("PEER_UNREACHABLE", e.code());
        }
        assertTrue(cluster.builder.list().isEmpty());
        assertFalse(cluster.c.empty());
        cluster.builder.deactivate();
        cluster.c.unreachable = false;
        cluster.builder = cluster.newBuilder();
        cluster.builder.awaitRecovery();
        cluster.builder.retryPendingReleases();
        assertTrue(cluster.allEmpty());
        assertTrue(new JournalStore(cluster.journals).load().isEmpty());
    }

    private void crashAt(String blueprint, String step) {
        try {
            cluster.builder.build(Cluster.example(blueprint), false, p -> {
                if (p.step().equals(step) && p.phase() == Progress.Phase.STARTED && p.peerId().isEmpty()) {
                    throw new Crash();
                }
            });
            fail("no crash at " + step);
        } catch (Crash expected) {
            cluster.builder.deactivate();
        }
    }

    @Test
    public void anOrphanThisPeerBuiltWithoutAJournalIsReleasedAtActivation() throws Exception {
        cluster.a.real.prepare(Cluster.A, new PrepareRequest("orphan-abcdef", "orphan", Set.of(Cluster.A),
                "10.200.99.0/24"));
        assertFalse(cluster.a.empty());

        cluster.builder.deactivate();
        cluster.builder = cluster.newBuilder();
        cluster.builder.awaitRecovery();

        assertTrue(cluster.a.empty());
    }

    private Environment assertRolledBack(String step) {
        List<Progress> events = Collections.synchronizedList(new ArrayList<>());
        Environment env = cluster.builder.build(Cluster.example("three-peers.yaml"), false, events::add);

        assertEquals(EnvironmentState.FAILED, env.state());
        String failure = env.failure().orElseThrow();
        assertTrue(failure, failure.startsWith("step " + step + " failed on peer bravo (bbbbbbbb)"));
        for (FakePeer p : cluster.peers()) {
            assertTrue(p.name + " " + p.containers.list() + " " + p.swarms.list() + " " + p.real.hosted(), p.empty());
        }
        assertEquals(List.of(env), cluster.builder.list());
        assertTrue(events.stream().anyMatch(e -> e.step().equals("rollback") && e.phase() == Progress.Phase.DONE));
        assertTrue(events.stream().anyMatch(e -> e.step().equals(step) && e.phase() == Progress.Phase.FAILED
                && e.peerId().equals(java.util.Optional.of(Cluster.B))));
        return env;
    }

    /** What a kill -9 looks like to the build thread. */
    static final class Crash extends Error {
        private static final long serialVersionUID = 1L;
    }
}
