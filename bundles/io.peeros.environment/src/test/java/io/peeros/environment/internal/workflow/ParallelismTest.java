package io.peeros.environment.internal.workflow;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import io.peeros.environment.api.Environment;
import io.peeros.environment.api.EnvironmentContainer;
import io.peeros.environment.api.EnvironmentState;
import java.util.Map;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** The knobs {@code containersPerPeer} and {@code peersInParallel} bound how many agent calls run at once. */
public class ParallelismTest {

    private static final String TEN_OVER_THREE = """
            name: ten
            containers:
              - name: box
                template: busybox
                count: 10
                quota: {cpu: 10, ram: 64MiB}
                placement: {strategy: spread}
            """;

    @Rule
    public TemporaryFolder folder = new TemporaryFolder();

    private Cluster cluster;
    private final CallMeter meter = new CallMeter();

    @Before
    public void setUp() {
        cluster = new Cluster(folder.getRoot().toPath());
        cluster.peers().forEach(p -> p.agent.meter = meter);
    }

    @After
    public void tearDown() {
        cluster.builder.deactivate();
    }

    @Test
    public void byDefaultPeersWorkAtOnceAndEachMakesSeveralContainers() {
        // when ten containers are built over three peers with the default configuration
        Environment env = build();

        // then more calls overlapped than there are peers: several containers at once on a peer
        assertTrue("at most " + meter.most() + " call(s) at once", meter.most() > 3);
        assertEquals(3, env.containers().stream().map(EnvironmentContainer::peerId).distinct().count());
    }

    @Test
    public void oneContainerAndOnePeerAtATimeMakeTheSameCallsOneAfterAnother() {
        // given the default build's calls
        build();
        int parallelCalls = meter.calls();
        cluster.builder.deactivate();
        cluster = new Cluster(folder.getRoot().toPath().resolve("sequential"));
        CallMeter sequential = new CallMeter();
        cluster.peers().forEach(p -> p.agent.meter = sequential);

        // when the builder makes one container at a time and works on one peer at a time
        cluster.builder.deactivate();
        cluster.builder = cluster.newBuilder(Map.of("containersPerPeer", 1, "peersInParallel", false));
        Environment env = build();

        // then no two calls overlapped, and they were the same calls
        assertEquals(1, sequential.most());
        assertEquals(parallelCalls, sequential.calls());
        assertEquals(3, env.containers().stream().map(EnvironmentContainer::peerId).distinct().count());

        // and the destroy too calls one peer after another
        cluster.builder.destroy(env.id(), p -> { });
        assertEquals(1, sequential.most());
        assertTrue(cluster.allEmpty());
    }

    private Environment build() {
        Environment env = cluster.builder.build(Cluster.parse(TEN_OVER_THREE), false, p -> { });
        assertEquals(env.failure().orElse(""), EnvironmentState.HEALTHY, env.state());
        assertEquals(10, env.containers().size());
        return env;
    }
}
