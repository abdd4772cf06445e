package io.peeros.container.lxc.internal.cgroup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Where the cgroup hierarchies are mounted, read once from {@code /proc/self/mountinfo}. A host is
 * <em>unified</em> (cgroup v2 only, Debian 12's default) when no v1 hierarchy holds the memory controller;
 * otherwise it is <em>legacy</em> or hybrid (v1 controllers, with a v2 tree beside them that holds no
 * controller). The two name their limits differently (see the quota package).
 */
public final class CgroupMounts {

    private final Path unified;
    private final Map<String, Path> legacy;

    CgroupMounts(Path unified, Map<String, Path> legacy) {
        this.unified = unified;
        this.legacy = Map.copyOf(legacy);
    }

    /** The mounts of this host. */
    public static CgroupMounts read() throws IOException {
        return parse(Files.readAllLines(Path.of("/proc/self/mountinfo")));
    }

    /** Parses mountinfo lines: {@code id parent dev root mountpoint opts [optional...] - fstype source superopts}. */
    public static CgroupMounts parse(List<String> mountinfo) {
        Path unified = null;
        Map<String, Path> legacy = new HashMap<>();
        for (String line : mountinfo) {
            String[] f = line.split(" ");
            int dash = List.of(f).indexOf("-");
            if (f.length < 5 || dash < 0 || dash + 3 >= f.length) {
                continue;
            }
            Path mountPoint = Path.of(unescape(f[4]));
            if ("cgroup2".equals(f[dash + 1])) {
                unified = unified == null ? mountPoint : unified;
            } else if ("cgroup".equals(f[dash + 1])) {
                for (String option : f[dash + 3].split(",")) {
                    if (!option.equals("rw") && !option.equals("ro") && !option.contains("=")) {
                        legacy.putIfAbsent(option, mountPoint);
                    }
                }
            }
        }
        return new CgroupMounts(unified, legacy);
    }

    /** Whether the limits live in the v2 tree (true) or in the v1 controller hierarchies (false). */
    public boolean isUnified() {
        return !legacy.containsKey("memory") && unified != null;
    }

    /** The v2 mount, also present on hybrid hosts (where it holds only the core files, e.g. cpu.stat), or null. */
    public Path unified() {
        return unified;
    }

    /** The mount of the v1 hierarchy that holds {@code controller}, or null. */
    public Path legacy(String controller) {
        return legacy.get(controller);
    }

    /** Mount points escape space, tab, newline and backslash as three octal digits. */
    static String unescape(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 3 < s.length() && s.substring(i + 1, i + 4).matches("[0-7]{3}")) {
                b.append((char) Integer.parseInt(s.substring(i + 1, i + 4), 8));
                i += 3;
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    @Override
    public String toString() {
        return isUnified() ? "cgroup v2 at " + unified : "cgroup v1 controllers " + new TreeSet<>(legacy.keySet());
    }
}
