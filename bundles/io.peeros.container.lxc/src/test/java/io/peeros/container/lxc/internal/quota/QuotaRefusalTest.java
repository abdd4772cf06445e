package io.peeros.container.lxc.internal.quota;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assume.assumeFalse;

import io.peeros.container.api.ContainerException;
import io.peeros.container.api.Quota;
import io.peeros.container.api.SizeClass;
import io.peeros.container.lxc.internal.cgroup.ContainerCgroup;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.Test;

/** Bad quotas are refused with messages that name what is wrong, and leave the container as it was. */
public class QuotaRefusalTest extends QuotaTestSupport {

    private static final List<String> FILES = List.of("cpu.shares", "cpu.cfs_quota_us", "cpuset.cpus",
            "memory.limit_in_bytes", "pids.max", "cpu.weight", "cpu.max", "memory.max");

    @Test
    public void badValuesAreRefusedAndNothingChanges() throws Exception {
        // given a running container with a quota
        String n = tq("refuse");
        Quota good = Quota.NONE.withMemoryBytes(128 * MIB).withCpuPercent(40).withPids(64L);
        startWith(n, good);
        String config = config(n);
        Map<String, String> cgroups = snapshot(cgroup(n));
        long ram = HostCapacity.meminfo(java.nio.file.Files.readString(java.nio.file.Path.of("/proc/meminfo")),
                "MemTotal");
        int cpus = Runtime.getRuntime().availableProcessors();

        // when bad quotas are set, each is refused with a message naming the bad value
        Map<Quota, String> bad = new LinkedHashMap<>();
        bad.put(good.withMemoryBytes(-1L), "memoryBytes must be at least");
        bad.put(good.withMemoryBytes(0L), "memoryBytes must be at least");
        bad.put(good.withMemoryBytes(ram + 1), "more than this host's RAM");
        bad.put(good.withCpuPercent(0), "cpuPercent must be at least 1");
        bad.put(good.withCpuPercent(100 * cpus + 1), "more than this host's " + cpus + " CPUs");
        bad.put(good.withCpuWeight(0), "cpuWeight must be between 1 and 10000");
        bad.put(good.withCpuset("0-99"), "names CPUs this host does not have");
        bad.put(good.withCpuset("one"), "cpuset must be a CPU list");
        bad.put(good.withPids(0L), "pids must be at least 1");
        bad.put(good.withPids(-5L), "pids must be at least 1");
        bad.put(good.withSwapBytes(-1L), "swapBytes cannot be negative");
        bad.put(good.withDiskBytes(0L), "diskBytes must be at least");
        bad.put(good.withDiskBytes(1L << 50), "more than the container storage");
        bad.put(good.withNetworkBitsPerSecond(0L), "networkBitsPerSecond must be at least");
        // several bad values: all are named, the good one with them is not applied either
        bad.put(good.withMemoryBytes(-1L).withCpuPercent(-3).withPids(20L), "cpuPercent must be at least 1 (percent of one CPU), not -3; memoryBytes");
        List<String> messages = new ArrayList<>();
        for (Map.Entry<Quota, String> b : bad.entrySet()) {
            ContainerException e = expect(ContainerException.INVALID_REQUEST, () -> quotas.setQuota(n, b.getKey()));
            assertTrue(e.getMessage() + " should say " + b.getValue(), e.getMessage().contains(b.getValue()));
            assertTrue(e.getMessage(), e.getMessage().contains("nothing was changed"));
            messages.add(e.getMessage());
        }
        LOG.info("refusals:\n{}", String.join("\n", messages));

        // and an unknown size class names the valid ones
        ContainerException e = expect(ContainerException.INVALID_REQUEST, () -> SizeClass.parse("GIGANTIC"));
        assertEquals("unknown size class GIGANTIC: the size classes are TINY, SMALL, MEDIUM, LARGE, HUGE", e.getMessage());
        // and a size class this pool cannot hold (SMALL has 10 GiB of disk, the pool 3 GiB) is refused whole
        e = expect(ContainerException.INVALID_REQUEST, () -> quotas.setSizeClass(n, SizeClass.SMALL));
        assertTrue(e.getMessage(), e.getMessage().contains("diskBytes 10737418240 is more than the container storage"));

        // then nothing changed: not the cgroups, not the config, not the recorded quota
        assertEquals(cgroups, snapshot(cgroup(n)));
        assertEquals(config, config(n));
        assertEquals(good, quotas.quota(n));
        expect(ContainerException.NOT_FOUND, () -> quotas.setQuota("tq-nobody", good));
        expect(ContainerException.INVALID_NAME, () -> quotas.setQuota("Bad_Name", good));
    }

    @Test
    public void aValueTheKernelRefusesRollsBackTheOthers() throws Exception {
        // cgroup v1 refuses a RAM limit below what the container holds and cannot reclaim (tmpfs, no swap);
        // v2 accepts it and OOM-kills instead, so there this failure cannot be provoked from outside
        assumeFalse("needs cgroup v1", mounts.isUnified());
        String n = tq("rollback");
        Quota good = Quota.NONE.withMemoryBytes(128 * MIB).withCpuPercent(40);
        startWith(n, good);
        assertEquals(0, sh(n, "dd if=/dev/zero of=/tmp/fill bs=1M count=48", Duration.ofSeconds(30)).exitCode());
        String config = config(n);
        Map<String, String> cgroups = snapshot(cgroup(n));

        // when a quota changes the CPU (accepted) and RAM below what is held (refused by the kernel)
        ContainerException e = expect(ContainerException.LXC_FAILURE,
                () -> quotas.setQuota(n, good.withCpuPercent(70).withMemoryBytes(16 * MIB)));

        // then the CPU change is rolled back and the config is untouched
        assertTrue(e.getMessage(), e.getMessage().contains("memory.limit_in_bytes"));
        assertTrue(e.getMessage(), e.getMessage().contains("its limits are as they were"));
        LOG.info("kernel refusal: {}", e.getMessage());
        assertEquals(cgroups, snapshot(cgroup(n)));
        assertEquals(config, config(n));
        assertEquals(good, quotas.quota(n));
    }

    private static Map<String, String> snapshot(ContainerCgroup cg) throws Exception {
        Map<String, String> values = new LinkedHashMap<>();
        for (String f : FILES) {
            if (cg.has(f)) {
                values.put(f, cg.read(f));
            }
        }
        return values;
    }
}
