package io.peeros.container.lxc.internal.quota;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;

import io.peeros.container.api.Quota;
import io.peeros.container.api.SizeClass;
import io.peeros.container.lxc.internal.cgroup.ContainerCgroup;
import java.time.Duration;
import java.util.Map;
import org.junit.Test;

/** Quotas change on running containers at once, persist across a restart, and can be removed. */
public class QuotaChangeTest extends QuotaTestSupport {

    @Test
    public void aQuotaChangesWhileRunningAndHoldsAfterARestart() throws Exception {
        // given a running container without limits
        String n = tq("change");
        startWith(n, null);
        ContainerCgroup cg = cgroup(n);
        String memory = file("memory.max", "memory.limit_in_bytes");

        // when limits are set, then changed, while it runs
        Quota first = Quota.NONE.withMemoryBytes(128 * MIB).withCpuPercent(50).withPids(100L).withCpuset("0")
                .withCpuWeight(200);
        assertEquals(first, quotas.setQuota(n, first));
        assertEquals(128 * MIB, cg.readLong(memory, -1));
        assertEquals(100, cg.readLong("pids.max", -1));
        assertEquals("0", cg.read("cpuset.cpus"));
        Quota second = first.withMemoryBytes(96 * MIB).withCpuPercent(30);
        quotas.setQuota(n, second);

        // then the cgroups hold the new values at once, and the config records them
        assertEquals(96 * MIB, cg.readLong(memory, -1));
        assertEquals(mounts.isUnified() ? "30000 100000" : "30000",
                cg.read(file("cpu.max", "cpu.cfs_quota_us")));
        assertTrue(config(n), config(n).contains(mounts.isUnified() ? "lxc.cgroup2.memory.max = " + 96 * MIB
                : "lxc.cgroup.memory.limit_in_bytes = " + 96 * MIB));
        assertEquals(second, quotas.quota(n));

        // and after a restart the new init runs under the same limits
        int before = manager.info(n).pid();
        manager.restart(n);
        untilExecAnswers(n);
        assertNotEquals(before, manager.info(n).pid());
        ContainerCgroup again = cgroup(n);
        assertEquals(96 * MIB, again.readLong(memory, -1));
        assertEquals(100, again.readLong("pids.max", -1));
        assertEquals("0", again.read("cpuset.cpus"));
        assertEquals(second, quotas.quota(n));

        // and removing every limit lifts them live and from the config
        assertEquals(Quota.NONE, quotas.setQuota(n, Quota.NONE));
        assertTrue(again.readLong(memory, -1) < 0 || again.read(memory).equals("max")
                || again.readLong(memory, 0) > 1L << 60);
        assertEquals("max", again.read("pids.max"));
        assertFalse(config(n), config(n).contains("lxc.cgroup"));
        assertFalse(config(n), config(n).contains(ConfigFile.MARKER));
    }

    @Test
    public void sizeClassesComeFromTheConfigurationAndKeepOtherLimits() throws Exception {
        // given a quota service whose TINY class is 64 MiB, 20 % and 1 GiB of disk
        LxcQuotaService small = newQuotaService(Map.of("tinyMemoryMiB", 64L, "tinyCpuPercent", 20, "tinyDiskGiB", 1L));
        try {
            String n = tq("class");
            manager.create(n, busybox);
            quotas.setQuota(n, Quota.NONE.withPids(50L));

            // when a stopped container is given TINY, then started
            Quota q = small.setSizeClass(n, SizeClass.TINY);
            manager.start(n);
            untilExecAnswers(n);

            // then it has TINY's limits and its pids limit still
            assertEquals(Quota.NONE.withPids(50L).withMemoryBytes(64 * MIB).withCpuPercent(20).withDiskBytes(1L << 30), q);
            assertEquals(64 * MIB, cgroup(n).readLong(file("memory.max", "memory.limit_in_bytes"), -1));
            assertEquals(50, cgroup(n).readLong("pids.max", -1));
            assertEquals(Quota.NONE.withMemoryBytes(256 * MIB).withCpuPercent(10).withDiskBytes(4L << 30),
                    quotas.sizeClasses().get(SizeClass.TINY));
            assertEquals(0, sh(n, "true", Duration.ofSeconds(10)).exitCode());
        } finally {
            small.deactivate();
        }
    }
}
