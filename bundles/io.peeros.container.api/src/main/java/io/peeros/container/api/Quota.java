package io.peeros.container.api;

import java.util.ArrayList;
import java.util.List;

/**
 * The resource limits of one container. Immutable. Every limit is optional: {@code null} means "no limit of
 * this kind" (the container shares the host's resource with everyone else). Start from {@link #NONE} and
 * add limits with the {@code with…} methods. Values are checked by the {@link QuotaService} against this
 * host when they are set, not here.
 *
 * @param cpuWeight the relative CPU share under contention, 1–10000; 100 is what a container without a
 *        weight gets (cgroup v2 {@code cpu.weight} units)
 * @param cpuPercent the most CPU time the container may use, in percent of one CPU: 25 is a quarter of one
 *        CPU, 200 two full CPUs; at most 100 times the host's CPUs
 * @param cpuset the host CPUs the container may run on, in kernel list syntax ({@code "0"}, {@code "0-3"},
 *        {@code "0,2"})
 * @param memoryBytes the most RAM the container may use; past it the kernel reclaims, then kills the
 *        container's largest process (the container's init is spared unless it is the largest)
 * @param swapBytes the most swap the container may use in addition to {@code memoryBytes}
 * @param pids the most processes and threads the container may have at once
 * @param diskBytes the most disk space the container's own files may take (what it shares with its
 *        template or clone source is not counted)
 * @param networkBitsPerSecond the most bits per second the container may send and, apart, receive
 */
public record Quota(Integer cpuWeight, Integer cpuPercent, String cpuset, Long memoryBytes, Long swapBytes,
        Long pids, Long diskBytes, Long networkBitsPerSecond) {

    /** No limit at all. */
    public static final Quota NONE = new Quota(null, null, null, null, null, null, null, null);

    /** Whether no limit is set. */
    public boolean isNone() {
        return equals(NONE);
    }

    /**
     * This quota with every limit that {@code other} sets taken from {@code other}; the limits {@code other}
     * leaves unset stay as they are here.
     */
    public Quota merge(Quota other) {
        return new Quota(pick(other.cpuWeight, cpuWeight), pick(other.cpuPercent, cpuPercent),
                pick(other.cpuset, cpuset), pick(other.memoryBytes, memoryBytes), pick(other.swapBytes, swapBytes),
                pick(other.pids, pids), pick(other.diskBytes, diskBytes),
                pick(other.networkBitsPerSecond, networkBitsPerSecond));
    }

    public Quota withCpuWeight(Integer weight) {
        return new Quota(weight, cpuPercent, cpuset, memoryBytes, swapBytes, pids, diskBytes, networkBitsPerSecond);
    }

    public Quota withCpuPercent(Integer percent) {
        return new Quota(cpuWeight, percent, cpuset, memoryBytes, swapBytes, pids, diskBytes, networkBitsPerSecond);
    }

    public Quota withCpuset(String cpus) {
        return new Quota(cpuWeight, cpuPercent, cpus, memoryBytes, swapBytes, pids, diskBytes, networkBitsPerSecond);
    }

    public Quota withMemoryBytes(Long bytes) {
        return new Quota(cpuWeight, cpuPercent, cpuset, bytes, swapBytes, pids, diskBytes, networkBitsPerSecond);
    }

    public Quota withSwapBytes(Long bytes) {
        return new Quota(cpuWeight, cpuPercent, cpuset, memoryBytes, bytes, pids, diskBytes, networkBitsPerSecond);
    }

    public Quota withPids(Long max) {
        return new Quota(cpuWeight, cpuPercent, cpuset, memoryBytes, swapBytes, max, diskBytes, networkBitsPerSecond);
    }

    public Quota withDiskBytes(Long bytes) {
        return new Quota(cpuWeight, cpuPercent, cpuset, memoryBytes, swapBytes, pids, bytes, networkBitsPerSecond);
    }

    public Quota withNetworkBitsPerSecond(Long bits) {
        return new Quota(cpuWeight, cpuPercent, cpuset, memoryBytes, swapBytes, pids, diskBytes, bits);
    }

    private static <T> T pick(T preferred, T fallback) {
        return preferred != null ? preferred : fallback;
    }

    /** The limits that are set, e.g. {@code memory=268435456 cpuPercent=10}, or {@code none}. */
    @Override
    public String toString() {
        List<String> set = new ArrayList<>();
        add(set, "cpuWeight", cpuWeight);
        add(set, "cpuPercent", cpuPercent);
        add(set, "cpuset", cpuset);
        add(set, "memoryBytes", memoryBytes);
        add(set, "swapBytes", swapBytes);
        add(set, "pids", pids);
        add(set, "diskBytes", diskBytes);
        add(set, "networkBitsPerSecond", networkBitsPerSecond);
        return set.isEmpty() ? "none" : String.join(" ", set);
    }

    private static void add(List<String> set, String name, Object value) {
        if (value != null) {
            set.add(name + "=" + value);
        }
    }
}
