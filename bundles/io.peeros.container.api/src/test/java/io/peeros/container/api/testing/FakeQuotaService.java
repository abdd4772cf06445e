package io.peeros.container.api.testing;

import io.peeros.container.api.ContainerException;
import io.peeros.container.api.Quota;
import io.peeros.container.api.QuotaService;
import io.peeros.container.api.SizeClass;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Quotas in memory for the containers of a {@link FakeContainerManager}, with Subutai's size classes. Refuses
 * a RAM limit under 16 MiB as the real service refuses values the host cannot honour.
 */
public final class FakeQuotaService implements QuotaService {

    private final FakeContainerManager containers;
    private final Map<String, Quota> quotas = new TreeMap<>();
    public final List<String> calls = new ArrayList<>();

    public FakeQuotaService(FakeContainerManager containers) {
        this.containers = containers;
    }

    @Override
    public synchronized Quota quota(String name) {
        containers.info(name);
        return quotas.getOrDefault(name, Quota.NONE);
    }

    @Override
    public synchronized Quota setQuota(String name, Quota quota) {
        containers.info(name);
        if (quota.memoryBytes() != null && quota.memoryBytes() < (16L << 20)) {
            throw new ContainerException(ContainerException.INVALID_REQUEST, "memory limit "
                    + quota.memoryBytes() + " is below 16 MiB");
        }
        calls.add("setQuota " + name + " " + quota);
        quotas.put(name, quota);
        return quota;
    }

    @Override
    public synchronized Quota setSizeClass(String name, SizeClass sizeClass) {
        Quota merged = quota(name).merge(sizeClasses().get(sizeClass));
        calls.add("setSizeClass " + name + " " + sizeClass);
        quotas.put(name, merged);
        return merged;
    }

    @Override
    public Map<SizeClass, Quota> sizeClasses() {
        Map<SizeClass, Quota> classes = new EnumMap<>(SizeClass.class);
        classes.put(SizeClass.TINY, size(256, 10, 4));
        classes.put(SizeClass.SMALL, size(512, 25, 10));
        classes.put(SizeClass.MEDIUM, size(1024, 50, 20));
        classes.put(SizeClass.LARGE, size(2048, 75, 40));
        classes.put(SizeClass.HUGE, size(4096, 100, 100));
        return classes;
    }

    private static Quota size(long ramMiB, int cpu, long diskGiB) {
        return Quota.NONE.withMemoryBytes(ramMiB << 20).withCpuPercent(cpu).withDiskBytes(diskGiB << 30);
    }
}
