package io.peeros.container.lxc.internal.metrics;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import io.peeros.container.api.ContainerException;
import io.peeros.container.api.ContainerMetrics;
import io.peeros.container.api.ContainerState;
import io.peeros.container.api.HostMetrics;
import io.peeros.container.api.Quota;
import io.peeros.container.lxc.internal.quota.QuotaTestSupport;
import java.time.Duration;
import java.util.List;
import org.junit.Test;

/** Metrics of real containers and of the host come from the kernel's accounting. */
public class LxcMetricsServiceTest extends QuotaTestSupport {

    @Test
    public void aRunningContainerReportsWhatItUses() throws Exception {
        // given a running container that holds 24 MiB in tmpfs, ran a busy loop for at least one second (the clock
        // has whole seconds, so "now + 2") and has 3 sleeping processes
        String n = tq("metrics");
        startWith(n, Quota.NONE.withMemoryBytes(256 * MIB));
        ContainerMetrics before = metrics.container(n);
        sh(n, "dd if=/dev/zero of=/tmp/held bs=1M count=24; end=$(( $(date +%s) + 2 )); "
                + "while [ $(date +%s) -lt $end ]; do :; done; for i in 1 2 3; do sleep 60 >/dev/null 2>&1 & done",
                Duration.ofSeconds(30));

        // when its metrics are read
        ContainerMetrics m = metrics.container(n);

        // then they show the memory, CPU time, processes and its own files
        LOG.info("metrics: {}", m);
        assertEquals(ContainerState.RUNNING, m.state());
        assertTrue(m.toString(), m.memoryBytes() >= 24 * MIB && m.memoryBytes() < 256 * MIB);
        assertTrue(m.toString(), m.memoryPeakBytes() >= m.memoryBytes());
        assertTrue(m.toString(), m.cpuNanos() - before.cpuNanos() > 100_000_000L);
        assertTrue(m.toString(), m.pids() >= 5);
        assertTrue(m.toString(), m.diskBytes() > 1_000_000); // the busybox binary, copied
        assertEquals(0, m.oomKills());
        assertEquals(0, m.netRxBytes()); // no network but loopback, which is left out
        assertTrue(m.cpuPercentSince(before) > 0);
    }

    @Test
    public void stoppedContainersAndTheHost() throws Exception {
        String n = tq("stopped");
        manager.create(n, busybox);

        List<ContainerMetrics> all = metrics.containers();
        HostMetrics h0 = metrics.host();
        Thread.sleep(200);
        HostMetrics h1 = metrics.host();

        assertEquals(1, all.size());
        ContainerMetrics m = all.get(0);
        assertEquals(n, m.name());
        assertEquals(ContainerState.STOPPED, m.state());
        assertEquals(0, m.cpuNanos());
        assertEquals(0, m.memoryBytes());
        assertTrue(m.toString(), m.diskBytes() > 1_000_000);
        LOG.info("host: {}", h1);
        assertEquals(Runtime.getRuntime().availableProcessors(), h1.cpus());
        assertTrue(h1.cpuTotalNanos() > h1.cpuBusyNanos() && h1.cpuTotalNanos() > h0.cpuTotalNanos());
        assertTrue(h1.cpuPercentSince(h0) >= 0 && h1.cpuPercentSince(h0) <= 100);
        assertTrue(h1.memoryTotalBytes() > h1.memoryAvailableBytes() && h1.memoryAvailableBytes() > 0);
        assertTrue(h1.diskTotalBytes() >= h1.diskFreeBytes() && h1.diskFreeBytes() > 0);
        assertTrue(h1.netRxBytes() >= 0 && h1.netTxBytes() >= 0);
        expect(ContainerException.NOT_FOUND, () -> metrics.container("tq-nobody"));
    }
}
