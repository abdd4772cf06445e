package io.peeros.environment.internal.workflow;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import io.peeros.container.api.Quota;
import io.peeros.environment.api.Environment;
import io.peeros.environment.api.EnvironmentException;
import io.peeros.environment.api.EnvironmentState;
import io.peeros.environment.api.Progress;
import io.peeros.environment.api.peer.ContainerRequest;
import io.peeros.environment.api.peer.PrepareRequest;
import io.peeros.environment.api.peer.Reservation;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class ReservationTest {

    private static final long GIB = 1L << 30;
    private static final long MIB = 1L << 20;

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

    private static PrepareRequest prepare(String id, String subnet, Reservation reservation) {
        return new PrepareRequest(id, id, Set.of(Cluster.C), subnet, reservation, null);
    }

    @Test
    public void aPrepareRequestCrossesTheWireWithItsReservation() throws Exception {
        var mapper = P2pJson.mapper();
        PrepareRequest request = new PrepareRequest("wire-aaaaaa", "wire", Set.of(Cluster.B), "10.200.9.0/24",
                new Reservation(3, GIB, 2 * GIB, 150), true);
        assertEquals(request, mapper.readValue(P2pJson.write(mapper, request), PrepareRequest.class));
        PrepareRequest old = mapper.readValue("{\"environmentId\":\"w\",\"name\":\"w\",\"members\":[],"
                + "\"subnet\":\"10.200.9.0/24\"}", PrepareRequest.class);
        assertEquals(null, old.reservation());
        assertEquals(null, old.committed());
    }

    @Test
    public void aReservationIsHeldAcrossARestartAndWhatDoesNotFitIsRefusedWithNothingLeft() {
        // given charlie (2 GiB free) holds 1.5 GiB for one environment
        cluster.c.real.prepare(Cluster.A, prepare("held-aaaaaa", "10.200.50.0/24",
                new Reservation(1, 1536 * MIB, GIB, 50)));
        assertEquals(512 * MIB, cluster.c.real.capacity().freeRamBytes());

        // when charlie restarts
        cluster.c.restartAgent();

        // then it still holds it, and refuses a second environment that does not fit, keeping nothing of it
        assertEquals(512 * MIB, cluster.c.real.capacity().freeRamBytes());
        try {
            cluster.c.real.prepare(Cluster.A, prepare("late-aaaaaa", "10.200.51.0/24",
                    new Reservation(1, GIB, GIB, 50)));
            fail("admitted beyond capacity");
        } catch (EnvironmentException e) {
            assertEquals("INSUFFICIENT_CAPACITY", e.code());
            assertEquals("peer cccccccccccc cannot take what environment late-aaaaaa asks: RAM: wanted 1.0 GiB, "
                    + "available 512 MiB", e.getMessage());
        }
        assertEquals(1, cluster.c.real.hosted().size());
        assertEquals(1, cluster.c.swarms.list().size());

        // a container turns the reservation into committed quota; the release gives everything back
        Quota quota = Quota.NONE.withMemoryBytes(1536 * MIB).withDiskBytes(GIB).withCpuPercent(50);
        cluster.c.real.createContainer(Cluster.A, "held-aaaaaa", new ContainerRequest("held-aaaaaa-one", "one",
                "busybox", quota, "10.200.50.10/24"));
        assertEquals(512 * MIB, cluster.c.real.capacity().freeRamBytes());
        cluster.c.restartAgent();
        assertEquals(512 * MIB, cluster.c.real.capacity().freeRamBytes());
        cluster.c.real.release(Cluster.A, "held-aaaaaa");
        assertEquals(2 * GIB, cluster.c.real.capacity().freeRamBytes());
        assertTrue(cluster.c.empty());
    }

    @Test
    public void aContainerBeyondItsReservationAndAResizeBeyondCapacityAreRefused() {
        cluster.c.real.prepare(Cluster.A, prepare("small-aaaaaa", "10.200.52.0/24", Reservation.NONE));
        try {
            cluster.c.real.createContainer(Cluster.A, "small-aaaaaa", new ContainerRequest("small-aaaaaa-x", "x",
                    "busybox", Quota.NONE.withMemoryBytes(3 * GIB), "10.200.52.10/24"));
            fail("made a container beyond capacity");
        } catch (EnvironmentException e) {
            assertEquals("INSUFFICIENT_CAPACITY", e.code());
            assertTrue(e.getMessage(), e.getMessage().contains("container small-aaaaaa-x: RAM: wanted 3.0 GiB, "
                    + "available 2.0 GiB"));
        }
        assertTrue(cluster.c.containers.list().isEmpty());
        cluster.c.real.createContainer(Cluster.A, "small-aaaaaa", new ContainerRequest("small-aaaaaa-y", "y",
                "busybox", Quota.NONE.withMemoryBytes(GIB), "10.200.52.11/24"));
        try {
            cluster.c.real.setQuota(Cluster.A, "small-aaaaaa", "small-aaaaaa-y", Quota.NONE.withMemoryBytes(4 * GIB));
            fail("resized beyond capacity");
        } catch (EnvironmentException e) {
            assertEquals("INSUFFICIENT_CAPACITY", e.code());
        }
        assertEquals(Quota.NONE.withMemoryBytes(GIB), cluster.c.real.quota(Cluster.A, "small-aaaaaa",
                "small-aaaaaa-y"));
        cluster.c.real.setQuota(Cluster.A, "small-aaaaaa", "small-aaaaaa-y", Quota.NONE.withMemoryBytes(2 * GIB));
        assertEquals(0, cluster.c.real.capacity().freeRamBytes());
        cluster.c.real.release(Cluster.A, "small-aaaaaa");
    }

    @Test
    public void twoBuildsRacingForOnePeerExactlyOneWinsAndTheOtherLeavesNothing() throws Exception {
        // given two builds that both plan 1.5 GiB on charlie (2 GiB free) before either reserves
        CyclicBarrier planned = new CyclicBarrier(2);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        List<Progress> events = Collections.synchronizedList(new ArrayList<>());
        List<Future<Environment>> builds = new ArrayList<>();
        try {
            for (String name : List.of("race-one", "race-two")) {
                builds.add(threads.submit(() -> cluster.builder.build(Cluster.parse("name: " + name + "\n"
                        + "containers:\n  - name: big\n    template: busybox\n    quota:\n      ram: 1536MiB\n"
                        + "    placement:\n      peer: charlie\n"), false, p -> {
                            events.add(p);
                            if (p.step().equals("plan")) {
                                await(planned);
                            }
                        })));
            }
            List<Environment> outcomes = new ArrayList<>();
            for (Future<Environment> f : builds) {
                outcomes.add(f.get(30, TimeUnit.SECONDS));
            }

            // then one is HEALTHY, the other FAILED because charlie refused its reservation, and rolled back
            List<Environment> healthy = outcomes.stream().filter(e -> e.state() == EnvironmentState.HEALTHY).toList();
            List<Environment> failed = outcomes.stream().filter(e -> e.state() == EnvironmentState.FAILED).toList();
            assertEquals(outcomes.toString(), 1, healthy.size());
            assertEquals(outcomes.toString(), 1, failed.size());
            String why = failed.get(0).failure().orElseThrow();
            assertTrue(why, why.startsWith("step prepare failed on peer charlie (cccccccc): INSUFFICIENT_CAPACITY: "
                    + "peer cccccccccccc cannot take what environment " + failed.get(0).id()
                    + " asks: RAM: wanted 1.5 GiB, available 512 MiB"));
            assertEquals(List.of(healthy.get(0).id()), cluster.c.real.hosted().stream()
                    .map(h -> h.environmentId()).toList());
            assertEquals(1, cluster.c.containers.list().size());
            assertEquals(1, cluster.c.swarms.list().size());
            assertTrue(cluster.a.empty());
            assertTrue(cluster.b.empty());
            assertEquals(512 * MIB, cluster.c.real.capacity().freeRamBytes());

            // and once the winner is destroyed charlie has all its room again
            cluster.builder.destroy(healthy.get(0).id(), p -> { });
            assertTrue(cluster.allEmpty());
            assertEquals(2 * GIB, cluster.c.real.capacity().freeRamBytes());
        } finally {
            threads.shutdownNow();
        }
    }

    private static void await(CyclicBarrier barrier) {
        try {
            barrier.await(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("the other build did not plan in time", e);
        }
    }

    @Test
    public void aGrowReservesWhatItAddsAndIsRefusedWhenItDoesNotFit() {
        Environment env = cluster.builder.build(Cluster.parse("name: roomy\ncontainers:\n  - name: big\n"
                + "    template: busybox\n    quota:\n      ram: 768MiB\n    placement:\n      peer: charlie\n"),
                false, p -> { });
        assertEquals(EnvironmentState.HEALTHY, env.state());
        assertEquals(GIB + 256 * MIB, cluster.c.real.capacity().freeRamBytes());
        cluster.builder.grow(env.id(), "big", 1, p -> { });
        assertEquals(512 * MIB, cluster.c.real.capacity().freeRamBytes());
        try {
            cluster.builder.grow(env.id(), "big", 1, p -> { });
            fail("grew beyond charlie's capacity");
        } catch (EnvironmentException e) {
            assertTrue(e.getMessage(), e.getMessage().contains("RAM"));
        }
        assertEquals(2, cluster.c.containers.list().size());
        assertEquals(512 * MIB, cluster.c.real.capacity().freeRamBytes());
    }
}
