package io.peeros.container.lxc.internal.quota;

import static org.junit.Assert.assertEquals;

import io.peeros.container.api.Quota;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.Test;

/** The mapping of quotas to cgroup v2 and v1 files and LXC keys, and back. */
public class CgroupLimitsTest {

    private static final long MIB = 1L << 20;
    private static final Quota FULL = new Quota(200, 25, "0-1", 256 * MIB, 64 * MIB, 100L, 4L << 30, 8_000_000L);

    @Test
    public void v2KeysAndLiveValues() {
        Map<String, String> config = CgroupLimits.config(FULL, true);
        assertEquals(Map.of("lxc.cgroup2.cpu.weight", "200", "lxc.cgroup2.cpu.max", "25000 100000",
                "lxc.cgroup2.cpuset.cpus", "0-1", "lxc.cgroup2.memory.max", "268435456",
                "lxc.cgroup2.memory.swap.max", "67108864", "lxc.cgroup2.pids.max", "100"), config);
        assertEquals("cpu.weight=200 cpu.max=25000 100000 cpuset.cpus=0-1 memory.max=268435456 "
                + "memory.swap.max=67108864 pids.max=100", live(FULL, true));
        assertEquals("cpu.weight=100 cpu.max=max 100000 cpuset.cpus= memory.max=max memory.swap.max=max pids.max=max",
                live(Quota.NONE, true));
    }

    @Test
    public void v1KeysAndLiveValuesKeepMemswAboveMemory() {
        Map<String, String> config = CgroupLimits.config(FULL, false);
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("lxc.cgroup.cpu.shares", "2048");
        expected.put("lxc.cgroup.cpu.cfs_period_us", "100000");
        expected.put("lxc.cgroup.cpu.cfs_quota_us", "25000");
        expected.put("lxc.cgroup.cpuset.cpus", "0-1");
        expected.put("lxc.cgroup.memory.limit_in_bytes", "268435456");
        expected.put("lxc.cgroup.memory.memsw.limit_in_bytes", "335544320");
        expected.put("lxc.cgroup.pids.max", "100");
        assertEquals(expected, config);
        assertEquals("cpu.shares=2048 cpu.cfs_period_us=100000 cpu.cfs_quota_us=25000 cpuset.cpus=0-1 "
                + "memory.memsw.limit_in_bytes=-1 memory.limit_in_bytes=268435456 "
                + "memory.memsw.limit_in_bytes=335544320 pids.max=100", live(FULL, false));
    }

    @Test
    public void aQuotaReadsBackFromEitherFamily() {
        Quota cgroupPart = FULL.withDiskBytes(null).withNetworkBitsPerSecond(null);
        assertEquals(cgroupPart, CgroupLimits.fromConfig(CgroupLimits.config(FULL, true)));
        assertEquals(cgroupPart, CgroupLimits.fromConfig(CgroupLimits.config(FULL, false)));
        assertEquals(Quota.NONE, CgroupLimits.fromConfig(Map.of("lxc.cgroup2.memory.max", "max",
                "lxc.cgroup.pids.max", "max", "lxc.cgroup.cpu.cfs_quota_us", "-1")));
        assertEquals(Quota.NONE.withMemoryBytes(512 * MIB),
                CgroupLimits.fromConfig(Map.of("lxc.cgroup2.memory.max", "512M")));
    }

    @Test
    public void weightsAndSharesConvertBothWays() {
        for (int w : List.of(1, 10, 50, 100, 333, 10_000)) {
            assertEquals(w, CgroupLimits.weight(CgroupLimits.shares(w)));
        }
        assertEquals(1024, CgroupLimits.shares(100));
        assertEquals(10, CgroupLimits.shares(1));
    }

    private static String live(Quota q, boolean unified) {
        return CgroupLimits.live(q, unified).stream().map(s -> s.file() + "=" + s.value())
                .collect(Collectors.joining(" "));
    }
}
