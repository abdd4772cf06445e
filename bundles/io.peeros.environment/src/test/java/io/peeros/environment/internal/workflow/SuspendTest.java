package io.peeros.environment.internal.workflow;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import io.peeros.environment.api.Environment;
import io.peeros.environment.api.EnvironmentState;
import io.peeros.environment.api.Progress;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** An orderly stop of the builder pauses the operations under way; the next builder resumes them. */
public class SuspendTest {

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
    public void aBuildPausedByAnOrderlyStopIsFinishedByTheNextBuilderWithoutDoingAnythingTwice() throws Exception {
        // given a build that has provisioned everything and is about to check health when the builder stops
        AtomicInteger provisioned = new AtomicInteger();
        AtomicReference<Environment> returned = new AtomicReference<>();
        Thread build = stopWhen(p -> p.step().equals("provision") && p.phase() == Progress.Phase.DONE
                && p.peerId().isEmpty() && provisioned.incrementAndGet() == 3, "three-peers.yaml", returned);

        // then the build returns, still BUILDING, journalled as suspended
        Environment paused = returned.get();
        assertEquals(EnvironmentState.BUILDING, paused.state());
        Journal journal = new JournalStore(cluster.journals).load().get(0);
        assertTrue(journal.isSuspended());
        assertTrue(journal.checkpoints().toString(), journal.checkpoints().contains("provision"));
        Map<String, Integer> commands = commandCounts();
        int made = cluster.peers().stream().mapToInt(p -> p.containers.list().size()).sum();
        assertEquals(8, made);

        // when a new builder starts over the same journals
        cluster.builder = cluster.newBuilder();
        cluster.builder.awaitRecovery();

        // then it finishes the build: HEALTHY, the same containers, no provisioning command run again
        Environment env = cluster.builder.get(paused.id()).orElseThrow();
        assertEquals(EnvironmentState.HEALTHY, env.state());
        assertEquals(paused.containers(), env.containers());
        assertEquals(8, cluster.peers().stream().mapToInt(p -> p.containers.list().size()).sum());
        assertEquals(commands, commandCounts());
        assertFalse(new JournalStore(cluster.journals).load().get(0).isSuspended());
        assertTrue(build.getState() == Thread.State.TERMINATED);
    }

    @Test
    public void aBuildPausedBeforeItsContainersResumesFromThereAndTheKeyIsInstalledEverywhere() throws Exception {
        AtomicReference<Environment> returned = new AtomicReference<>();
        stopWhen(p -> p.step().equals("prepare") && p.phase() == Progress.Phase.DONE && p.peerId().isEmpty(),
                "three-peers.yaml", returned);
        assertEquals(EnvironmentState.BUILDING, returned.get().state());
        assertEquals(0, cluster.peers().stream().mapToInt(p -> p.containers.list().size()).sum());

        cluster.builder = cluster.newBuilder();
        cluster.builder.awaitRecovery();

        Environment env = cluster.builder.get(returned.get().id()).orElseThrow();
        assertEquals(EnvironmentState.HEALTHY, env.state());
        assertEquals(8, cluster.peers().stream().mapToInt(p -> p.containers.list().size()).sum());
        commandCounts().forEach((name, n) -> assertEquals(name, name.contains("-cache") ? 2
                : name.contains("-web-") ? 1 : 0, (int) n));
        cluster.builder.destroy(env.id(), p -> { });
        assertTrue(cluster.allEmpty());
    }

    @Test
    public void aGrowPausedByAnOrderlyStopIsFinishedByTheNextBuilder() throws Exception {
        Environment env = cluster.builder.build(Cluster.example("three-peers.yaml"), false, p -> { });
        CountDownLatch reached = new CountDownLatch(1);
        Thread grow = new Thread(() -> cluster.builder.grow(env.id(), "web", 2, p -> {
            if (p.step().equals("containers") && p.phase() == Progress.Phase.DONE && p.peerId().isEmpty()) {
                reached.countDown();
                waitForStop();
            }
        }));
        grow.start();
        assertTrue(reached.await(30, TimeUnit.SECONDS));
        cluster.builder.deactivate();
        grow.join(10_000);
        assertEquals(10, cluster.peers().stream().mapToInt(p -> p.containers.list().size()).sum());
        assertTrue(new JournalStore(cluster.journals).load().get(0).isSuspended());

        cluster.builder = cluster.newBuilder();
        cluster.builder.awaitRecovery();

        Environment grown = cluster.builder.get(env.id()).orElseThrow();
        assertEquals(EnvironmentState.HEALTHY, grown.state());
        assertEquals(10, grown.containers().size());
        assertEquals(10, cluster.peers().stream().mapToInt(p -> p.containers.list().size()).sum());
    }

    @Test
    public void aCrashWithoutAnOrderlyStopIsStillRolledBack() throws Exception {
        try {
            cluster.builder.build(Cluster.example("three-peers.yaml"), false, p -> {
                if (p.step().equals("network") && p.phase() == Progress.Phase.STARTED && p.peerId().isEmpty()) {
                    throw new RollbackTest.Crash();
                }
            });
        } catch (RollbackTest.Crash expected) {
            // the builder thread is gone; no deactivate ran before it
        }
        assertFalse(new JournalStore(cluster.journals).load().get(0).isSuspended());
        cluster.builder.deactivate();
        cluster.builder = cluster.newBuilder();
        cluster.builder.awaitRecovery();
        Environment env = cluster.builder.list().get(0);
        assertEquals(EnvironmentState.FAILED, env.state());
        assertEquals(Recovery.INTERRUPTED, env.failure().orElseThrow());
        assertTrue(cluster.allEmpty());
    }

    /** Builds {@code blueprint}; when {@code at} sees an event, stops the builder in order; waits for the build. */
    private Thread stopWhen(Predicate<Progress> at, String blueprint, AtomicReference<Environment> returned)
            throws InterruptedException {
        CountDownLatch reached = new CountDownLatch(1);
        Thread build = new Thread(() -> returned.set(cluster.builder.build(Cluster.example(blueprint), false, p -> {
            if (at.test(p)) {
                reached.countDown();
                waitForStop();
            }
        })));
        build.start();
        assertTrue("the build did not reach the point of the stop", reached.await(30, TimeUnit.SECONDS));
        cluster.builder.deactivate();
        build.join(10_000);
        assertFalse(build.isAlive());
        return build;
    }

    /** Holds the operation's thread until the stop has asked it to pause, so that it pauses at the next step. */
    private void waitForStop() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!cluster.builder.stopping() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** How many commands ran in each container (the provisioning and the files written). */
    private Map<String, Integer> commandCounts() {
        Map<String, Integer> counts = new HashMap<>();
        for (FakePeer p : cluster.peers()) {
            p.containers.commands.forEach((name, list) -> counts.put(name, (int) List.copyOf(list).stream()
                    .filter(c -> c.contains("apt-get")).count()));
        }
        return counts;
    }
}
