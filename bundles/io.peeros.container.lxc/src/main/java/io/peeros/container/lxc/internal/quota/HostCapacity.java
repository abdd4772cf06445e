package io.peeros.container.lxc.internal.quota;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;

/**
 * What this host can give, read when a quota is checked: online CPUs, RAM, swap, the kernel's pid limit and
 * the container storage (its size, or why it cannot carry disk limits).
 *
 * @param onlineCpus the CPUs the kernel schedules on
 * @param memoryBytes {@code MemTotal}
 * @param swapBytes {@code SwapTotal}
 * @param pidMax {@code /proc/sys/kernel/pid_max}
 * @param unified whether cgroup v2 carries the limits (v1 otherwise)
 * @param diskBytes the size of the container storage
 * @param diskUnsupported why disk limits cannot be set, or null when they can
 */
record HostCapacity(Set<Integer> onlineCpus, long memoryBytes, long swapBytes, long pidMax, boolean unified,
        long diskBytes, String diskUnsupported) {

    static HostCapacity read(boolean unified, BtrfsStore store) throws IOException {
        String meminfo = Files.readString(Path.of("/proc/meminfo"));
        return new HostCapacity(cpuList(Files.readString(Path.of("/sys/devices/system/cpu/online")).strip()),
                meminfo(meminfo, "MemTotal"), meminfo(meminfo, "SwapTotal"),
                Long.parseLong(sysctl(Path.of("/proc/sys/kernel/pid_max"))), unified,
                store.capacityBytes(), store.unsupportedReason());
    }

    /**
     * A sysctl value. Read in one call: a sysctl returns nothing at a non-zero offset, and
     * {@code Files.readString} reads a file whose size is 0 one byte first.
     */
    static String sysctl(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return new String(in.readNBytes(256), StandardCharsets.US_ASCII).strip();
        }
    }

    /** A {@code /proc/meminfo} value in bytes (the file counts kB), or 0 when absent. */
    static long meminfo(String meminfo, String key) {
        for (String line : meminfo.split("\n")) {
            if (line.startsWith(key + ":")) {
                String[] f = line.substring(key.length() + 1).strip().split("\\s+");
                return Long.parseLong(f[0]) * (f.length > 1 && f[1].equalsIgnoreCase("kB") ? 1024 : 1);
            }
        }
        return 0;
    }

    /**
     * The CPUs of a kernel CPU list such as {@code 0-3,8,10-11}.
     *
     * @throws IllegalArgumentException when it is not one
     */
    static Set<Integer> cpuList(String list) {
        if (!list.matches("\\d{1,4}(-\\d{1,4})?(,\\d{1,4}(-\\d{1,4})?)*")) {
            throw new IllegalArgumentException("not a CPU list");
        }
        Set<Integer> cpus = new TreeSet<>();
        for (String part : list.split(",")) {
            String[] range = part.split("-");
            int from = Integer.parseInt(range[0]);
            int to = range.length > 1 ? Integer.parseInt(range[1]) : from;
            if (to < from) {
                throw new IllegalArgumentException("range " + part + " runs backwards");
            }
            for (int c = from; c <= to; c++) {
                cpus.add(c);
            }
        }
        return cpus;
    }
}
