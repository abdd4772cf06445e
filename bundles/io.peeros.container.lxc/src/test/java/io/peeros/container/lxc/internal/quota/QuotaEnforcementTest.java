package io.peeros.container.lxc.internal.quota;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;

import io.peeros.container.api.ContainerMetrics;
import io.peeros.container.api.ContainerState;
import io.peeros.container.api.ExecResult;
import io.peeros.container.api.Quota;
import io.peeros.container.lxc.internal.cgroup.ContainerCgroup;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.Test;

/** Each limit holds inside a real busybox container: RAM, CPU, processes and disk. */
public class QuotaEnforcementTest extends QuotaTestSupport {

    @Test
    public void aMemoryHogIsOomKilledAndTheContainerKeepsRunning() throws Exception {
        // given a running container limited to 64 MiB of RAM
        String n = tq("oom");
        int pid = startWith(n, Quota.NONE.withMemoryBytes(64 * MIB));
        assertEquals(64 * MIB, cgroup(n).readLong(file("memory.max", "memory.limit_in_bytes"), -1));

        // when a process in it keeps allocating (tail holds a line that never ends)
        ExecResult hog = sh(n, "dd if=/dev/zero bs=1M count=1024 2>/dev/null | tail", Duration.ofSeconds(60));

        // then the kernel kills the hog, and the container with its init carries on
        assertEquals(hog.toString() + " " + hog.stderr(), 128 + 9, hog.exitCode());
        ContainerMetrics m = metrics.container(n);
        assertTrue(m.toString(), m.oomKills() >= 1);
        assertTrue(m.toString(), m.memoryPeakBytes() <= 64 * MIB && m.memoryPeakBytes() > 32 * MIB);
        assertEquals(ContainerState.RUNNING, manager.state(n));
        assertEquals(pid, manager.info(n).pid());
        assertEquals("alive\n", sh(n, "echo alive", Duration.ofSeconds(10)).stdout());
    }

    @Test
    public void aCpuQuotaOf25PercentHolds() throws Exception {
        // given a container with a quarter of one CPU and the highest weight, so that it gets its quarter on
        // a busy host: the quota caps it, the weight keeps other work from starving it below the cap
        String n = tq("cpu");
        startWith(n, Quota.NONE.withCpuPercent(25).withCpuWeight(10_000));

        // when two busy loops run in it
        sh(n, "for i in 1 2; do (while :; do :; done) >/dev/null 2>&1 & done", Duration.ofSeconds(10));
        TimeUnit.MILLISECONDS.sleep(500);

        // then over a 4 s window its own CPU time (cgroup cpu.stat usage_usec) is 25 % of one CPU, ±15 %
        ContainerCgroup cg = cgroup(n);
        long u0 = usageUsec(cg);
        ContainerMetrics m0 = metrics.container(n);
        long t0 = System.nanoTime();
        TimeUnit.SECONDS.sleep(4);
        long u1 = usageUsec(cg);
        ContainerMetrics m1 = metrics.container(n);
        double wallUsec = (System.nanoTime() - t0) / 1000.0;
        double share = 100.0 * (u1 - u0) / wallUsec;
        LOG.info("cpu quota 25 %: measured {} % of one CPU over {} ms (metrics: {} %), load {}",
                String.format("%.1f", share), Math.round(wallUsec / 1000), String.format("%.1f", m1.cpuPercentSince(m0)),
                Files.readString(Path.of("/proc/loadavg")).strip());
        assertTrue("measured " + share + " %", share >= 25 * 0.85 && share <= 25 * 1.15);
        assertEquals(share, m1.cpuPercentSince(m0), 25 * 0.15);
    }

    /** The container's CPU time from cpu.stat usage_usec (v2; on a hybrid host the v2 tree has it too). */
    private static long usageUsec(ContainerCgroup cg) throws Exception {
        Path stat = cg.unifiedDir() == null ? null : cg.unifiedDir().resolve("cpu.stat");
        if (stat != null && Files.exists(stat)) {
            for (String line : Files.readAllLines(stat)) {
                if (line.startsWith("usage_usec ")) {
                    return Long.parseLong(line.substring(11).strip());
                }
            }
        }
        return cg.readLong("cpuacct.usage", 0) / 1000;
    }

    @Test
    public void forksBeyondThePidsLimitFail() throws Exception {
        // given a container allowed 12 processes (its init and sleep are two)
        String n = tq("pids");
        startWith(n, Quota.NONE.withPids(12L));

        // when a shell in it tries to start 30 background processes
        ExecResult r = sh(n, "i=0; while [ $i -lt 30 ]; do sleep 60 >/dev/null 2>&1 & i=$((i+1)); done; echo done",
                Duration.ofSeconds(30));

        // then forks past the limit fail inside, and the count never passes it
        assertTrue(r.stderr(), r.stderr().contains("can't fork") || r.stderr().contains("Resource temporarily"));
        long pids = cgroup(n).readLong("pids.current", -1);
        assertTrue("pids.current " + pids, pids > 2 && pids <= 12);
        assertEquals(pids, metrics.container(n).pids());
    }

    @Test
    public void theDiskLimitStopsWritesAndCanBeRaisedWhileRunning() throws Exception {
        // given a container whose own files may take 32 MiB (its first disk limit, so it is set while stopped)
        String n = tq("disk");
        manager.create(n, busybox);
        long t0 = System.nanoTime();
        quotas.setQuota(n, Quota.NONE.withDiskBytes(32 * MIB));
        LOG.info("first disk limit (rootfs into a subvolume, busybox): {} ms", String.format("%.1f",
                (System.nanoTime() - t0) / 1e6));
        manager.start(n);
        untilExecAnswers(n);

        // when it writes 100 MiB
        ExecResult r = sh(n, "dd if=/dev/zero of=/root/big bs=1M count=100", Duration.ofSeconds(60));

        // then the write fails with EDQUOT at about the limit (the busybox files count too)
        assertNotEquals(0, r.exitCode());
        assertTrue(r.stderr(), r.stderr().contains("Disk quota exceeded"));
        long written = Long.parseLong(sh(n, "wc -c < /root/big", Duration.ofSeconds(10)).stdout().strip());
        LOG.info("disk limit 32 MiB: dd wrote {} MiB; container holds {} MiB", written / MIB,
                metrics.container(n).diskBytes() / MIB);
        assertTrue("wrote " + written, written > 24 * MIB && written <= 32 * MIB);
        long used = metrics.container(n).diskBytes();
        assertTrue("used " + used, used > 28 * MIB && used <= 33 * MIB);

        // and when the limit is raised while it runs, the next 16 MiB fit
        quotas.setQuota(n, Quota.NONE.withDiskBytes(64 * MIB));
        assertEquals(0, sh(n, "dd if=/dev/zero of=/root/more bs=1M count=16", Duration.ofSeconds(60)).exitCode());
        assertEquals(Long.valueOf(64 * MIB), quotas.quota(n).diskBytes());
    }

    @Test
    public void theFirstDiskLimitOfARunningContainerIsRefused() throws Exception {
        String n = tq("disk-running");
        startWith(n, null);
        String before = config(n);

        var e = expect("INVALID_STATE", () -> quotas.setQuota(n, Quota.NONE.withDiskBytes(64 * MIB)
                .withMemoryBytes(128 * MIB)));

        assertTrue(e.getMessage(), e.getMessage().contains("stopped"));
        assertEquals(before, config(n));
        assertEquals(Quota.NONE, quotas.quota(n));
    }

    @Test
    public void overlayClonesGetTheirOwnDiskLimitAndEverythingDestroysCleanly() throws Exception {
        // given a container whose rootfs became a subvolume, and an overlay clone of it with its own limit
        String base = tq("base");
        String clone = tq("clone");
        manager.create(base, busybox);
        quotas.setQuota(base, Quota.NONE.withDiskBytes(64 * MIB).withMemoryBytes(128 * MIB));
        manager.clone(base, clone);
        assertEquals("the clone inherits the cgroup limits in LXC's config, not the disk limit",
                Quota.NONE.withMemoryBytes(128 * MIB), quotas.quota(clone));
        quotas.setQuota(clone, Quota.NONE.withDiskBytes(20 * MIB));
        manager.start(clone);
        untilExecAnswers(clone);

        // when the clone writes more than its limit
        ExecResult r = sh(clone, "dd if=/dev/zero of=/root/big bs=1M count=64", Duration.ofSeconds(60));

        // then its upper layer stops at the limit, and both destroy without leftovers
        assertTrue(r.stderr(), r.stderr().contains("Disk quota exceeded"));
        long used = metrics.container(clone).diskBytes();
        assertTrue("used " + used, used > 16 * MIB && used <= 21 * MIB);
        manager.destroy(clone);
        manager.destroy(base);
        assertFalse(Files.exists(lxcPath.resolve(clone)));
        assertFalse(Files.exists(lxcPath.resolve(base)));
        assertEquals("", HostCommand.check("btrfs", "subvolume", "list", "-o", lxcPath.toString()));
    }
}
