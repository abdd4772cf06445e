package io.peeros.container.lxc.internal.quota;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import io.peeros.container.api.ContainerException;
import io.peeros.container.api.Quota;
import io.peeros.container.api.SizeClass;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.Test;

/** Quota values are checked against the host before anything changes; size classes come from config. */
public class QuotaCheckTest {

    private static final long GIB = 1L << 30;
    private static final HostCapacity HOST = new HostCapacity(Set.of(0, 1), 8 * GIB, 0, 32768, true, 100 * GIB, null);

    @Test
    public void goodQuotasPass() {
        assertEquals(List.of(), QuotaCheck.problems(Quota.NONE, HOST));
        assertEquals(List.of(), QuotaCheck.problems(new Quota(1, 200, "0,1", 8 * GIB, 0L, 1L, 100 * GIB, 8000L), HOST));
    }

    @Test
    public void everyBadValueIsNamed() {
        List<String> p = QuotaCheck.problems(new Quota(0, 201, "2", 8 * GIB + 1, 1L, 0L, 15L << 20, 7999L), HOST);
        assertEquals(List.of("cpuWeight must be between 1 and 10000, not 0",
                "cpuPercent 201 is more than this host's 2 CPUs can give (at most 200)",
                "cpuset 2 names CPUs this host does not have online: 2 (online: 0-1)",
                "memoryBytes 8589934593 is more than this host's RAM (8589934592)",
                "swapBytes 1 is more than this host's swap (0)",
                "pids must be at least 1, not 0",
                "diskBytes must be at least 16777216 (16 MiB), not 15728640",
                "networkBitsPerSecond must be at least 8000 (8 kbit/s), not 7999"), p);
    }

    @Test
    public void malformedCpuListsAndV1SwapAreRefused() {
        assertTrue(QuotaCheck.problems(Quota.NONE.withCpuset("1-0"), HOST).get(0).contains("runs backwards"));
        assertTrue(QuotaCheck.problems(Quota.NONE.withCpuset("0;1"), HOST).get(0).contains("not a CPU list"));
        HostCapacity v1 = new HostCapacity(Set.of(0), GIB, GIB, 32768, false, GIB, null);
        assertEquals(List.of("swapBytes needs memoryBytes on this host (cgroup v1 limits RAM and swap together)"),
                QuotaCheck.problems(Quota.NONE.withSwapBytes(1L), v1));
    }

    @Test
    public void diskLimitsNeedBtrfs() {
        HostCapacity ext4 = new HostCapacity(Set.of(0), GIB, 0, 32768, true, GIB, "disk limits need btrfs");
        assertEquals(List.of("disk limits need btrfs"), QuotaCheck.problems(Quota.NONE.withDiskBytes(GIB), ext4));
        assertEquals(List.of(), QuotaCheck.problems(Quota.NONE.withMemoryBytes(GIB), ext4));
    }

    @Test
    public void sizeClassesDefaultToSubutaisAndFollowTheConfiguration() {
        Map<SizeClass, Quota> defaults = SizeClasses.from(Configs.of(LxcQuotaService.Config.class, Map.of()));
        assertEquals(Quota.NONE.withMemoryBytes(256L << 20).withCpuPercent(10).withDiskBytes(4 * GIB),
                defaults.get(SizeClass.TINY));
        assertEquals(Quota.NONE.withMemoryBytes(512L << 20).withCpuPercent(25).withDiskBytes(10 * GIB),
                defaults.get(SizeClass.SMALL));
        assertEquals(Quota.NONE.withMemoryBytes(1024L << 20).withCpuPercent(50).withDiskBytes(20 * GIB),
                defaults.get(SizeClass.MEDIUM));
        assertEquals(Quota.NONE.withMemoryBytes(2048L << 20).withCpuPercent(75).withDiskBytes(40 * GIB),
                defaults.get(SizeClass.LARGE));
        assertEquals(Quota.NONE.withMemoryBytes(4096L << 20).withCpuPercent(100).withDiskBytes(100 * GIB),
                defaults.get(SizeClass.HUGE));
        Map<SizeClass, Quota> custom = SizeClasses.from(Configs.of(LxcQuotaService.Config.class,
                Map.of("hugeMemoryMiB", 16384L, "hugeCpuPercent", 400)));
        assertEquals(Quota.NONE.withMemoryBytes(16384L << 20).withCpuPercent(400).withDiskBytes(100 * GIB),
                custom.get(SizeClass.HUGE));
        try {
            SizeClasses.from(Configs.of(LxcQuotaService.Config.class, Map.of("smallCpuPercent", 0)));
            throw new AssertionError("a zero size class was accepted");
        } catch (IllegalArgumentException e) {
            assertTrue(e.getMessage(), e.getMessage().contains("size class small"));
        }
    }

    @Test
    public void sizeClassNamesParseAndUnknownOnesNameTheValidOnes() {
        assertEquals(SizeClass.MEDIUM, SizeClass.parse(" medium "));
        try {
            SizeClass.parse("XL");
            throw new AssertionError("XL was accepted");
        } catch (ContainerException e) {
            assertEquals(ContainerException.INVALID_REQUEST, e.code());
            assertEquals("unknown size class XL: the size classes are TINY, SMALL, MEDIUM, LARGE, HUGE", e.getMessage());
        }
    }

    @Test
    public void mergeKeepsWhatTheOtherLeavesUnset() {
        Quota mine = Quota.NONE.withPids(50L).withMemoryBytes(GIB);
        assertEquals(Quota.NONE.withPids(50L).withMemoryBytes(2 * GIB).withCpuPercent(10),
                mine.merge(Quota.NONE.withMemoryBytes(2 * GIB).withCpuPercent(10)));
        assertEquals("memoryBytes=1073741824 pids=50", mine.toString());
        assertEquals("none", Quota.NONE.toString());
    }
}
