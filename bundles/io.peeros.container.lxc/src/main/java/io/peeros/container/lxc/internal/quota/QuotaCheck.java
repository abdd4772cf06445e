package io.peeros.container.lxc.internal.quota;

import io.peeros.container.api.Quota;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Checks a quota against this host before anything is changed, and names every bad value in one message:
 * negative or zero values, values past the host's capacity, malformed CPU lists.
 */
final class QuotaCheck {

    static final long MIN_MEMORY = 4L << 20;
    static final long MIN_DISK = 16L << 20;
    static final long MIN_NETWORK = 8_000;
    static final long MAX_NETWORK = 100_000_000_000L;

    private QuotaCheck() {
    }

    /** What is wrong with {@code q} on {@code host}; empty when nothing is. */
    static List<String> problems(Quota q, HostCapacity host) {
        List<String> p = new ArrayList<>();
        if (q.cpuWeight() != null && (q.cpuWeight() < 1 || q.cpuWeight() > 10_000)) {
            p.add("cpuWeight must be between 1 and 10000, not " + q.cpuWeight());
        }
        int cpus = host.onlineCpus().size();
        if (q.cpuPercent() != null) {
            if (q.cpuPercent() < 1) {
                p.add("cpuPercent must be at least 1 (percent of one CPU), not " + q.cpuPercent());
            } else if (q.cpuPercent() > 100 * cpus) {
                p.add("cpuPercent " + q.cpuPercent() + " is more than this host's " + cpus + " CPUs can give (at most "
                        + 100 * cpus + ")");
            }
        }
        if (q.cpuset() != null) {
            cpuset(q.cpuset(), host.onlineCpus(), p);
        }
        if (q.memoryBytes() != null) {
            atLeast(p, "memoryBytes", q.memoryBytes(), MIN_MEMORY, bytes(MIN_MEMORY));
            atMost(p, "memoryBytes", q.memoryBytes(), host.memoryBytes(), "this host's RAM");
        }
        if (q.swapBytes() != null) {
            if (q.swapBytes() < 0) {
                p.add("swapBytes cannot be negative, not " + q.swapBytes());
            } else {
                atMost(p, "swapBytes", q.swapBytes(), host.swapBytes(), "this host's swap");
            }
            if (!host.unified() && q.memoryBytes() == null) {
                p.add("swapBytes needs memoryBytes on this host (cgroup v1 limits RAM and swap together)");
            }
        }
        if (q.pids() != null) {
            if (q.pids() < 1) {
                p.add("pids must be at least 1, not " + q.pids());
            } else if (q.pids() > host.pidMax()) {
                p.add("pids " + q.pids() + " is more than this host's pid_max " + host.pidMax());
            }
        }
        if (q.diskBytes() != null) {
            if (host.diskUnsupported() != null) {
                p.add(host.diskUnsupported());
            } else {
                atLeast(p, "diskBytes", q.diskBytes(), MIN_DISK, bytes(MIN_DISK));
                atMost(p, "diskBytes", q.diskBytes(), host.diskBytes(), "the container storage");
            }
        }
        if (q.networkBitsPerSecond() != null) {
            atLeast(p, "networkBitsPerSecond", q.networkBitsPerSecond(), MIN_NETWORK, "8 kbit/s");
            atMost(p, "networkBitsPerSecond", q.networkBitsPerSecond(), MAX_NETWORK, "what tc shapes here");
        }
        return p;
    }

    private static void cpuset(String cpuset, Set<Integer> online, List<String> p) {
        try {
            Set<Integer> missing = new TreeSet<>(HostCapacity.cpuList(cpuset.strip()));
            missing.removeAll(online);
            if (!missing.isEmpty()) {
                p.add("cpuset " + cpuset + " names CPUs this host does not have online: " + ranges(missing)
                        + " (online: " + ranges(online) + ")");
            }
        } catch (IllegalArgumentException e) {
            p.add("cpuset must be a CPU list such as 0, 0-3 or 0,2, not '" + cpuset + "' (" + e.getMessage() + ")");
        }
    }

    /** CPUs as a kernel CPU list: 0-3,8. */
    static String ranges(Set<Integer> cpus) {
        StringBuilder b = new StringBuilder();
        Integer start = null;
        Integer last = null;
        for (int c : new TreeSet<>(cpus)) {
            if (last != null && c == last + 1) {
                last = c;
                continue;
            }
            append(b, start, last);
            start = c;
            last = c;
        }
        append(b, start, last);
        return b.toString();
    }

    private static void append(StringBuilder b, Integer start, Integer last) {
        if (start != null) {
            b.append(b.length() == 0 ? "" : ",").append(start).append(last.equals(start) ? "" : "-" + last);
        }
    }

    private static void atLeast(List<String> p, String name, long value, long min, String readable) {
        if (value < min) {
            p.add(name + " must be at least " + min + " (" + readable + "), not " + value);
        }
    }

    private static void atMost(List<String> p, String name, long value, long max, String what) {
        if (value > max) {
            p.add(name + " " + value + " is more than " + what + " (" + max + ")");
        }
    }

    /** A size for messages: 4 MiB, 1.5 GiB. */
    static String bytes(long n) {
        String[] units = {"bytes", "KiB", "MiB", "GiB", "TiB"};
        double v = n;
        int u = 0;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return (v == Math.rint(v) ? Long.toString((long) v) : String.format("%.1f", v)) + " " + units[u];
    }
}
