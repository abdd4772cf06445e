package io.peeros.container.lxc.internal.quota;

import io.peeros.container.api.Quota;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The cgroup side of a {@link Quota}: which file each limit is written to, live and as an LXC config key, on
 * cgroup v2 ({@code lxc.cgroup2.*}) and on v1 ({@code lxc.cgroup.*}), and how to read a quota back from the
 * config. The mapping table is in docs/container-quotas.md.
 */
final class CgroupLimits {

    /** The CFS period; a percent quota is {@code percent * 1000} µs in every 100 ms. */
    static final long PERIOD_USEC = 100_000;

    /** Every config key this class writes, in both families; they are removed before the new ones go in. */
    static final Set<String> KEYS = Set.of("lxc.cgroup2.cpu.weight", "lxc.cgroup2.cpu.max",
            "lxc.cgroup2.cpuset.cpus", "lxc.cgroup2.memory.max", "lxc.cgroup2.memory.swap.max",
            "lxc.cgroup2.pids.max", "lxc.cgroup.cpu.shares", "lxc.cgroup.cpu.cfs_quota_us",
            "lxc.cgroup.cpu.cfs_period_us", "lxc.cgroup.cpuset.cpus", "lxc.cgroup.memory.limit_in_bytes",
            "lxc.cgroup.memory.memsw.limit_in_bytes", "lxc.cgroup.pids.max");

    /**
     * One value for one cgroup file. {@code limits} is false when the value only puts back the default
     * (then a missing controller is no error). A null value is v1's default {@code cpuset.cpus}: the
     * parent's set, which only the writer can read.
     */
    record Setting(String file, String value, boolean limits) {
    }

    private CgroupLimits() {
    }

    /** What to write, in this order, to give a running container exactly the cgroup limits of {@code q}. */
    static List<Setting> live(Quota q, boolean unified) {
        List<Setting> s = new ArrayList<>();
        boolean weight = q.cpuWeight() != null;
        boolean cpu = q.cpuPercent() != null;
        boolean cpuset = q.cpuset() != null;
        boolean memory = q.memoryBytes() != null;
        boolean pids = q.pids() != null;
        if (unified) {
            s.add(new Setting("cpu.weight", weight ? q.cpuWeight().toString() : "100", weight));
            s.add(new Setting("cpu.max", (cpu ? quotaUsec(q.cpuPercent()) : "max") + " " + PERIOD_USEC, cpu));
            s.add(new Setting("cpuset.cpus", cpuset ? q.cpuset() : "", cpuset));
            s.add(new Setting("memory.max", orMax(q.memoryBytes()), memory));
            s.add(new Setting("memory.swap.max", orMax(q.swapBytes()), q.swapBytes() != null));
            s.add(new Setting("pids.max", orMax(q.pids()), pids));
        } else {
            s.add(new Setting("cpu.shares", Long.toString(weight ? shares(q.cpuWeight()) : 1024), weight));
            s.add(new Setting("cpu.cfs_period_us", Long.toString(PERIOD_USEC), cpu));
            s.add(new Setting("cpu.cfs_quota_us", cpu ? quotaUsec(q.cpuPercent()) : "-1", cpu));
            s.add(new Setting("cpuset.cpus", q.cpuset(), cpuset));
            // v1 wants memsw >= memory at every step: lift memsw, set memory, then set memsw for real.
            boolean swap = memory && q.swapBytes() != null;
            s.add(new Setting("memory.memsw.limit_in_bytes", "-1", false));
            s.add(new Setting("memory.limit_in_bytes", memory ? q.memoryBytes().toString() : "-1", memory));
            s.add(new Setting("memory.memsw.limit_in_bytes", memsw(q), swap));
            s.add(new Setting("pids.max", orMax(q.pids()), pids));
        }
        return s;
    }

    /** The LXC config entries that give the container the cgroup limits of {@code q} at start. */
    static Map<String, String> config(Quota q, boolean unified) {
        Map<String, String> c = new LinkedHashMap<>();
        String prefix = unified ? "lxc.cgroup2." : "lxc.cgroup.";
        if (q.cpuWeight() != null) {
            c.put(unified ? "lxc.cgroup2.cpu.weight" : "lxc.cgroup.cpu.shares",
                    unified ? q.cpuWeight().toString() : Long.toString(shares(q.cpuWeight())));
        }
        if (q.cpuPercent() != null) {
            if (unified) {
                c.put("lxc.cgroup2.cpu.max", quotaUsec(q.cpuPercent()) + " " + PERIOD_USEC);
            } else {
                c.put("lxc.cgroup.cpu.cfs_period_us", Long.toString(PERIOD_USEC));
                c.put("lxc.cgroup.cpu.cfs_quota_us", quotaUsec(q.cpuPercent()));
            }
        }
        if (q.cpuset() != null) {
            c.put(prefix + "cpuset.cpus", q.cpuset());
        }
        if (q.memoryBytes() != null) {
            c.put(unified ? "lxc.cgroup2.memory.max" : "lxc.cgroup.memory.limit_in_bytes", q.memoryBytes().toString());
        }
        if (q.swapBytes() != null) {
            if (unified) {
                c.put("lxc.cgroup2.memory.swap.max", q.swapBytes().toString());
            } else if (q.memoryBytes() != null) {
                c.put("lxc.cgroup.memory.memsw.limit_in_bytes", memsw(q));
            }
        }
        if (q.pids() != null) {
            c.put(prefix + "pids.max", q.pids().toString());
        }
        return c;
    }

    /** The cgroup limits recorded in a container's config (either family); unparseable values are left out. */
    static Quota fromConfig(Map<String, String> config) {
        Integer weight = null;
        Long cpu = null;
        if (config.containsKey("lxc.cgroup2.cpu.weight")) {
            weight = (int) number(config.get("lxc.cgroup2.cpu.weight"), -1);
        } else if (config.containsKey("lxc.cgroup.cpu.shares")) {
            weight = weight(number(config.get("lxc.cgroup.cpu.shares"), -1));
        }
        String max = config.get("lxc.cgroup2.cpu.max");
        if (max != null) {
            String[] f = max.strip().split("\\s+");
            cpu = percent(number(f[0], -1), f.length > 1 ? number(f[1], -1) : PERIOD_USEC);
        } else if (config.containsKey("lxc.cgroup.cpu.cfs_quota_us")) {
            cpu = percent(number(config.get("lxc.cgroup.cpu.cfs_quota_us"), -1),
                    number(config.getOrDefault("lxc.cgroup.cpu.cfs_period_us", Long.toString(PERIOD_USEC)), -1));
        }
        String cpuset = first(config, "lxc.cgroup2.cpuset.cpus", "lxc.cgroup.cpuset.cpus");
        Long memory = positive(first(config, "lxc.cgroup2.memory.max", "lxc.cgroup.memory.limit_in_bytes"));
        Long swap = positive(config.get("lxc.cgroup2.memory.swap.max"));
        Long memsw = positive(config.get("lxc.cgroup.memory.memsw.limit_in_bytes"));
        if (swap == null && memsw != null && memory != null) {
            swap = memsw - memory;
        }
        Long pids = positive(first(config, "lxc.cgroup2.pids.max", "lxc.cgroup.pids.max"));
        return new Quota(weight != null && weight > 0 ? weight : null, cpu == null ? null : cpu.intValue(),
                cpuset == null || cpuset.isBlank() ? null : cpuset.strip(), memory, swap, pids, null, null);
    }

    /** v1 {@code cpu.shares} for a v2 weight: the default 100 is 1024 (as systemd converts), at least 2. */
    static long shares(int weight) {
        return Math.max(2, Math.round(weight * 1024.0 / 100));
    }

    static int weight(long shares) {
        return shares <= 0 ? -1 : (int) Math.max(1, Math.round(shares * 100.0 / 1024));
    }

    private static String quotaUsec(int percent) {
        return Long.toString(percent * PERIOD_USEC / 100);
    }

    private static Long percent(long quotaUsec, long periodUsec) {
        return quotaUsec <= 0 || periodUsec <= 0 ? null : Math.round(quotaUsec * 100.0 / periodUsec);
    }

    private static String memsw(Quota q) {
        return q.memoryBytes() != null && q.swapBytes() != null ? Long.toString(q.memoryBytes() + q.swapBytes())
                : "-1";
    }

    private static String orMax(Long value) {
        return value == null ? "max" : value.toString();
    }

    private static String first(Map<String, String> config, String v2, String v1) {
        return config.containsKey(v2) ? config.get(v2) : config.get(v1);
    }

    /** A byte count or number as LXC accepts it ({@code 512M}, {@code 1G}); null for max, -1 or junk. */
    static Long positive(String value) {
        long n = number(value, -1);
        return n < 0 ? null : n;
    }

    private static long number(String value, long fallback) {
        if (value == null) {
            return fallback;
        }
        String v = value.strip();
        long unit = 1;
        if (!v.isEmpty() && "KMGT".indexOf(Character.toUpperCase(v.charAt(v.length() - 1))) >= 0) {
            unit = 1L << (10 * ("KMGT".indexOf(Character.toUpperCase(v.charAt(v.length() - 1))) + 1));
            v = v.substring(0, v.length() - 1);
        }
        try {
            long n = Long.parseLong(v);
            // v1 reports "no limit" as the largest page-aligned value
            return n < 0 || n >= Long.MAX_VALUE / 2 / unit ? fallback : n * unit;
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}
