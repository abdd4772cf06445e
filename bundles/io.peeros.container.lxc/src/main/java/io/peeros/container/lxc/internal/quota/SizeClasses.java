package io.peeros.container.lxc.internal.quota;

import io.peeros.container.api.Quota;
import io.peeros.container.api.SizeClass;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/** The limits of each size class, from the quota service's configuration. */
final class SizeClasses {

    private SizeClasses() {
    }

    static Map<SizeClass, Quota> from(LxcQuotaService.Config c) {
        Map<SizeClass, Quota> m = new EnumMap<>(SizeClass.class);
        m.put(SizeClass.TINY, of("tiny", c.tinyMemoryMiB(), c.tinyCpuPercent(), c.tinyDiskGiB()));
        m.put(SizeClass.SMALL, of("small", c.smallMemoryMiB(), c.smallCpuPercent(), c.smallDiskGiB()));
        m.put(SizeClass.MEDIUM, of("medium", c.mediumMemoryMiB(), c.mediumCpuPercent(), c.mediumDiskGiB()));
        m.put(SizeClass.LARGE, of("large", c.largeMemoryMiB(), c.largeCpuPercent(), c.largeDiskGiB()));
        m.put(SizeClass.HUGE, of("huge", c.hugeMemoryMiB(), c.hugeCpuPercent(), c.hugeDiskGiB()));
        return Collections.unmodifiableMap(m);
    }

    private static Quota of(String name, long memoryMiB, int cpuPercent, long diskGiB) {
        if (memoryMiB <= 0 || cpuPercent <= 0 || diskGiB <= 0) {
            throw new IllegalArgumentException("size class " + name + " needs positive RAM, CPU and disk, not "
                    + memoryMiB + " MiB, " + cpuPercent + " %, " + diskGiB + " GiB");
        }
        return Quota.NONE.withMemoryBytes(memoryMiB << 20).withCpuPercent(cpuPercent).withDiskBytes(diskGiB << 30);
    }
}
