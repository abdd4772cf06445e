package io.peeros.environment.internal.workflow;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import io.peeros.container.api.Quota;
import io.peeros.environment.api.Environment;
import io.peeros.environment.api.EnvironmentContainer;
import io.peeros.environment.api.EnvironmentState;
import io.peeros.environment.api.peer.ContainerRequest;
import io.peeros.environment.api.peer.PrepareRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** Peers that lack a template fetch it from a candidate that has it, once, and say why when they cannot. */
public class TemplateFetchTest {

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
    public void peersWithoutTheTemplateFetchItFromThePeerThatHasIt() {
        // given only alpha has busybox
        cluster.b.templates.remove("busybox", null);
        cluster.c.templates.remove("busybox", null);

        // when three containers are spread over the three peers
        List<String> progress = new CopyOnWriteArrayList<>();
        Environment env = cluster.builder.build(Cluster.parse("name: spread\ncontainers:\n  - name: web\n"
                + "    hostname: web-{n}\n    template: busybox\n    count: 3\n    placement:\n"
                + "      strategy: spread\n"), false, p -> progress.add(p.message()));

        // then bravo and charlie each fetched it from alpha and made their container from it
        assertEquals(env.failure().orElse(""), EnvironmentState.HEALTHY, env.state());
        assertEquals(Set.of(Cluster.A, Cluster.B, Cluster.C), Set.copyOf(env.containers().stream()
                .map(EnvironmentContainer::peerId).toList()));
        assertEquals(Set.of(Cluster.A + " templates/busybox"), Set.copyOf(cluster.network.downloads));
        assertEquals(2, cluster.network.downloads.size());
        assertEquals("busybox:1.0", cluster.b.templates.info("busybox", null).id());
        assertEquals("busybox:1.0", cluster.c.templates.info("busybox", null).id());
        assertEquals("the spool file is gone", List.of(), spooled(cluster.b));
        assertEquals(progress.toString(), 2, progress.stream()
                .filter(m -> m.endsWith(": creating from busybox (fetched from alpha (aaaaaaaa) if it is still missing)"))
                .count());
    }

    @Test
    public void aVersionedTemplateIsFetchedInThatVersionFromTheFirstSourceThatServesIt() {
        // given
        cluster.c.templates.remove("busybox", null);
        cluster.network.downloadsFail.add(Cluster.A);
        cluster.c.real.prepare(Cluster.A, new PrepareRequest("env-ver", "ver", Set.of(Cluster.A, Cluster.C),
                "10.200.8.0/24"));

        // when
        cluster.c.real.createContainer(Cluster.A, "env-ver", new ContainerRequest("env-ver-db", "db", "busybox:1.0",
                Quota.NONE, "10.200.8.10/24", List.of(Cluster.A, Cluster.B)));

        // then
        assertEquals(List.of(Cluster.A + " templates/busybox/1.0", Cluster.B + " templates/busybox/1.0"),
                cluster.network.downloads);
        assertEquals("busybox:1.0", cluster.c.templates.info("busybox", "1.0").id());
        assertEquals(List.of("env-ver-db"), cluster.c.containers.list().stream().map(i -> i.name()).toList());
    }

    @Test
    public void whenEverySourceFailsTheBuildFailsWithTemplateMissingAndEachReason() {
        // given charlie lacks busybox and neither alpha nor bravo serves its archive
        cluster.c.templates.remove("busybox", null);
        cluster.network.downloadsFail.add(Cluster.A);
        cluster.network.downloadsFail.add(Cluster.B);

        // when
        Environment env = cluster.builder.build(Cluster.parse("name: nofetch\ncontainers:\n  - name: db\n"
                + "    template: busybox\n    placement:\n      peer: charlie\n"), false, p -> { });

        // then
        assertEquals(EnvironmentState.FAILED, env.state());
        String failure = env.failure().orElse("");
        assertTrue(failure, failure.contains("TEMPLATE_MISSING"));
        assertTrue(failure, failure.contains("template 'busybox' is not on peer cccccccccccc"));
        assertTrue(failure, failure.contains("peer aaaaaaaaaaaa: peer alpha does not answer"));
        assertTrue(failure, failure.contains("peer bbbbbbbbbbbb: peer bravo does not answer"));
        assertEquals(List.of(Cluster.A + " templates/busybox", Cluster.B + " templates/busybox"),
                cluster.network.downloads);
        assertTrue(cluster.allEmpty());
    }

    @Test
    public void parallelCreatesFromAMissingTemplateFetchItOnce() throws Exception {
        // given bravo lacks busybox and its import of the fetched archive waits at a gate
        cluster.b.templates.remove("busybox", null);
        CountDownLatch gate = new CountDownLatch(1);
        cluster.b.templates.extractGate = gate;
        cluster.b.real.prepare(Cluster.A, new PrepareRequest("env-par", "par", Set.of(Cluster.A, Cluster.B),
                "10.200.9.0/24"));

        // when four containers are created at once
        List<Throwable> failures = new CopyOnWriteArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int i = 1; i <= 4; i++) {
            ContainerRequest request = new ContainerRequest("env-par-web-" + i, "web-" + i, "busybox", Quota.NONE,
                    "10.200.9." + (10 + i) + "/24", List.of(Cluster.A, Cluster.C));
            Thread t = new Thread(() -> {
                try {
                    cluster.b.real.createContainer(Cluster.A, "env-par", request);
                } catch (Throwable e) {
                    failures.add(e);
                }
            });
            threads.add(t);
            t.start();
        }
        // one thread holds the import at the gate while the other three wait for its lock
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (threads.stream().filter(t -> t.getState() == Thread.State.BLOCKED).count() < 3
                && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        gate.countDown();
        for (Thread t : threads) {
            t.join(10_000);
        }

        // then
        assertEquals(List.of(), failures);
        assertEquals(List.of(Cluster.A + " templates/busybox"), cluster.network.downloads);
        assertEquals(4, cluster.b.containers.list().size());
    }

    private static List<String> spooled(FakePeer peer) {
        try (var files = java.nio.file.Files.list(peer.stateDirectory)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".tar")).toList();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
