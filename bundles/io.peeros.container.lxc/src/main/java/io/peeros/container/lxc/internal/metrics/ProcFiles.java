package io.peeros.container.lxc.internal.metrics;

import java.util.List;
import java.util.function.Predicate;

/** Parsers for the {@code /proc} files metrics come from; pure functions of the file content. */
final class ProcFiles {

    /** Linux reports {@code /proc/stat} in USER_HZ, 100 on every architecture it runs on today. */
    static final long NANOS_PER_TICK = 10_000_000;

    /** Busy and total CPU time over all CPUs, and the number of CPUs. */
    record Cpu(long busyNanos, long totalNanos, int cpus) {
    }

    private ProcFiles() {
    }

    /** From {@code /proc/stat}: {@code cpu user nice system idle iowait irq softirq steal guest guest_nice}. */
    static Cpu cpu(List<String> stat) {
        long busy = 0;
        long total = 0;
        int cpus = 0;
        for (String line : stat) {
            String[] f = line.strip().split("\\s+");
            if (f[0].equals("cpu")) {
                // guest time is already counted in user time, so the sum stops at steal
                for (int i = 1; i < Math.min(f.length, 9); i++) {
                    long ticks = Long.parseLong(f[i]);
                    total += ticks;
                    busy += i == 4 || i == 5 ? 0 : ticks;
                }
            } else if (f[0].startsWith("cpu")) {
                cpus++;
            }
        }
        return new Cpu(busy * NANOS_PER_TICK, total * NANOS_PER_TICK, cpus);
    }

    /** A {@code /proc/meminfo} value in bytes, or 0 when absent. */
    static long meminfo(List<String> meminfo, String key) {
        for (String line : meminfo) {
            if (line.startsWith(key + ":")) {
                String[] f = line.substring(key.length() + 1).strip().split("\\s+");
                return Long.parseLong(f[0]) * (f.length > 1 && f[1].equalsIgnoreCase("kB") ? 1024 : 1);
            }
        }
        return 0;
    }

    /**
     * Received and sent bytes summed over the interfaces of a {@code /proc/.../net/dev} that {@code include}
     * accepts. Lines are {@code name: rx_bytes rx_packets ... (8 receive fields) tx_bytes ...}.
     */
    static long[] netDev(List<String> netDev, Predicate<String> include) {
        long rx = 0;
        long tx = 0;
        for (String line : netDev) {
            int colon = line.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String name = line.substring(0, colon).strip();
            String[] f = line.substring(colon + 1).strip().split("\\s+");
            if (f.length >= 9 && include.test(name)) {
                rx += Long.parseLong(f[0]);
                tx += Long.parseLong(f[8]);
            }
        }
        return new long[] {rx, tx};
    }
}
