package io.peeros.environment.internal.workflow;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import io.peeros.container.api.Quota;
import io.peeros.environment.api.Environment;
import io.peeros.environment.api.EnvironmentState;
import io.peeros.environment.api.peer.ContainerRequest;
import io.peeros.environment.api.peer.PrepareRequest;
import io.peeros.environment.api.peer.Reservation;
import io.peeros.environment.internal.agent.AgentReferences;
import io.peeros.registry.api.PeerState;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** The orphan sweep of a real agent, with the default expiry (1 h) and grace (24 h), run as of later times. */
public class OrphanTest {

    private static final long GIB = 1L << 30;

    @Rule
    public TemporaryFolder folder = new TemporaryFolder();

    private Cluster cluster;
    private final StateRegistry charliesRegistry = new StateRegistry();

    @Before
    public void setUp() {
        cluster = new Cluster(folder.getRoot().toPath());
        AgentReferences.bind(cluster.c.real, charliesRegistry);
        charliesRegistry.states.put(Cluster.A, PeerState.APPROVED);
        charliesRegistry.states.put(Cluster.B, PeerState.APPROVED);
    }

    @After
    public void tearDown() {
        cluster.builder.deactivate();
    }

    /** Bravo starts a build on charlie (a reservation and a container) and never comes back. */
    private void abandonedBuildByBravo() {
        cluster.c.real.prepare(Cluster.B, new PrepareRequest("left-bbbbbb", "left", Set.of(Cluster.C),
                "10.200.60.0/24", new Reservation(2, GIB, 0, 0), null));
        cluster.c.real.createContainer(Cluster.B, "left-bbbbbb", new ContainerRequest("left-bbbbbb-one", "one",
                "busybox", Quota.NONE.withMemoryBytes(GIB / 2), "10.200.60.10/24"));
    }

    @Test
    public void aSilentBuilderLosesItsReservationAfterTheExpiryAndItsUnfinishedBuildAfterTheGrace() {
        abandonedBuildByBravo();
        assertEquals(GIB, cluster.c.real.capacity().freeRamBytes());
        Instant now = Instant.now();

        assertEquals(0, cluster.c.real.sweep(now.plus(Duration.ofMinutes(30))));
        assertEquals(GIB, cluster.c.real.capacity().freeRamBytes());

        // past the expiry the reservation goes, the container (bravo still registered) stays
        assertEquals(0, cluster.c.real.sweep(now.plus(Duration.ofHours(2))));
        assertEquals(GIB + GIB / 2, cluster.c.real.capacity().freeRamBytes());
        assertEquals(1, cluster.c.containers.list().size());

        // past the grace the build that never became HEALTHY goes, whatever the registry says
        assertEquals(1, cluster.c.real.sweep(now.plus(Duration.ofHours(25))));
        assertTrue(cluster.c.empty());
        assertEquals(2 * GIB, cluster.c.real.capacity().freeRamBytes());
    }

    @Test
    public void anUnfinishedBuildOfAnUnregisteredBuilderGoesOnceItsReservationExpired() {
        abandonedBuildByBravo();
        charliesRegistry.unregister(Cluster.B);
        Instant now = Instant.now();
        assertEquals(0, cluster.c.real.sweep(now));
        assertEquals(0, cluster.c.real.sweep(now.plus(Duration.ofMinutes(30))));
        assertFalse(cluster.c.empty());
        assertEquals(1, cluster.c.real.sweep(now.plus(Duration.ofMinutes(61))));
        assertTrue(cluster.c.empty());
    }

    @Test
    public void aHealthyEnvironmentGoesOnlyAGraceAfterItsBuilderWasUnregisteredNotWhenItIsOnlySilent() {
        // given a HEALTHY environment that alpha built on all three peers
        Environment env = cluster.builder.build(Cluster.example("three-peers.yaml"), false, p -> { });
        assertEquals(EnvironmentState.HEALTHY, env.state());
        int onCharlie = cluster.c.containers.list().size();
        assertTrue(onCharlie > 0);
        Instant now = Instant.now();

        // a builder that is only silent (or offline) keeps it, however long
        charliesRegistry.states.put(Cluster.A, PeerState.OFFLINE);
        assertEquals(0, cluster.c.real.sweep(now.plus(Duration.ofDays(30))));
        assertEquals(onCharlie, cluster.c.containers.list().size());

        // once alpha is unregistered on charlie, charlie keeps it for the grace, then removes its part
        charliesRegistry.unregister(Cluster.A);
        Instant gone = now.plus(Duration.ofDays(30));
        assertEquals(0, cluster.c.real.sweep(gone));
        assertEquals(0, cluster.c.real.sweep(gone.plus(Duration.ofHours(23))));
        assertEquals(onCharlie, cluster.c.containers.list().size());
        assertEquals(1, cluster.c.real.sweep(gone.plus(Duration.ofHours(25))));
        assertTrue(cluster.c.empty());

        // bravo has no registry to tell it alpha is gone: it keeps its part
        assertEquals(0, cluster.b.real.sweep(gone.plus(Duration.ofDays(3))));
        assertFalse(cluster.b.empty());
    }

    @Test
    public void aBuilderRegisteredAgainIsNoLongerCountedAsGone() {
        Environment env = cluster.builder.build(Cluster.example("three-peers.yaml"), false, p -> { });
        assertEquals(EnvironmentState.HEALTHY, env.state());
        Instant now = Instant.now();
        charliesRegistry.unregister(Cluster.A);
        cluster.c.real.sweep(now);
        charliesRegistry.states.put(Cluster.A, PeerState.APPROVED);
        cluster.c.real.sweep(now.plus(Duration.ofHours(1)));
        assertEquals(0, cluster.c.real.sweep(now.plus(Duration.ofHours(30))));
        assertFalse(cluster.c.empty());
    }
}
