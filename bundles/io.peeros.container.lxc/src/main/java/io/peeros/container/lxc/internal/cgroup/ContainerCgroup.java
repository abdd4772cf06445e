package io.peeros.container.lxc.internal.cgroup;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The cgroup directories of one running container, found from its init's {@code /proc/<pid>/cgroup} and cut
 * back to LXC's {@code lxc.payload.<name>}: a container's own init may move itself deeper (systemd goes to
 * {@code init.scope}), but the limits belong to the whole container. Files are read and written directly:
 * no fork and no round trip to the container's monitor.
 */
public final class ContainerCgroup {

    private final boolean unified;
    private final Path unifiedDir;
    private final Map<String, Path> legacyDirs;

    ContainerCgroup(boolean unified, Path unifiedDir, Map<String, Path> legacyDirs) {
        this.unified = unified;
        this.unifiedDir = unifiedDir;
        this.legacyDirs = Map.copyOf(legacyDirs);
    }

    /** The cgroups of container {@code name} whose init is {@code pid}. */
    public static ContainerCgroup of(CgroupMounts mounts, String name, int pid) throws IOException {
        return parse(mounts, name, Files.readAllLines(Path.of("/proc", Integer.toString(pid), "cgroup")));
    }

    /** Lines are {@code id:controllers:path}; v2 is {@code 0::path}. */
    public static ContainerCgroup parse(CgroupMounts mounts, String name, List<String> procCgroup) {
        Path unifiedDir = null;
        Map<String, Path> legacy = new HashMap<>();
        for (String line : procCgroup) {
            String[] f = line.split(":", 3);
            if (f.length < 3) {
                continue;
            }
            String path = payload(f[2], name);
            if (f[1].isEmpty()) {
                unifiedDir = mounts.unified() == null ? null : under(mounts.unified(), path);
            } else {
                for (String controller : f[1].split(",")) {
                    Path mount = mounts.legacy(controller);
                    if (mount != null) {
                        legacy.put(controller, under(mount, path));
                    }
                }
            }
        }
        return new ContainerCgroup(mounts.isUnified(), unifiedDir, legacy);
    }

    private static String payload(String path, String name) {
        String marker = "/lxc.payload." + name;
        int at = path.indexOf(marker + "/");
        return at < 0 ? path : path.substring(0, at + marker.length());
    }

    private static Path under(Path mount, String path) {
        return path.equals("/") ? mount : mount.resolve(path.substring(1));
    }

    /** Whether the container's limits are cgroup v2 files. */
    public boolean isUnified() {
        return unified;
    }

    /** The container's v2 directory (on hybrid hosts it holds only the core files), or null. */
    public Path unifiedDir() {
        return unifiedDir;
    }

    /**
     * The file of a cgroup interface file name such as {@code memory.max}; on v1 the controller is the part
     * before the first dot. Null when the controller is not mounted.
     */
    public Path file(String fileName) {
        if (unified) {
            return unifiedDir == null ? null : unifiedDir.resolve(fileName);
        }
        Path dir = legacyDirs.get(fileName.substring(0, fileName.indexOf('.')));
        return dir == null ? null : dir.resolve(fileName);
    }

    /** Whether the interface file exists (the controller is mounted and enabled for the container). */
    public boolean has(String fileName) {
        Path f = file(fileName);
        return f != null && Files.exists(f);
    }

    /** The file's content without the trailing newline. */
    public String read(String fileName) throws IOException {
        Path f = file(fileName);
        if (f == null) {
            throw new NoSuchFileException(fileName, null, "cgroup controller not mounted");
        }
        return Files.readString(f, StandardCharsets.US_ASCII).strip();
    }

    /** The file's content as a number, or {@code fallback} when missing or not a number. */
    public long readLong(String fileName, long fallback) {
        try {
            return Long.parseLong(read(fileName));
        } catch (IOException | NumberFormatException e) {
            return fallback;
        }
    }

    /** The value of {@code key} in a flat keyed file such as {@code cpu.stat}, or {@code fallback}. */
    public long readKeyed(String fileName, String key, long fallback) {
        try {
            for (String line : read(fileName).split("\n")) {
                String[] kv = line.strip().split("\\s+");
                if (kv.length == 2 && kv[0].equals(key)) {
                    return Long.parseLong(kv[1]);
                }
            }
        } catch (IOException | NumberFormatException e) {
            // missing controller or odd content: the caller's fallback
        }
        return fallback;
    }

    /** Writes one value; the kernel checks it and refuses with an errno, which becomes the IOException. */
    public void write(String fileName, String value) throws IOException {
        Path f = file(fileName);
        if (f == null) {
            throw new NoSuchFileException(fileName, null, "cgroup controller not mounted");
        }
        // One write(2) of the whole value: cgroup files take a value per write call.
        Files.write(f, (value + "\n").getBytes(StandardCharsets.US_ASCII), StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING);
    }

    @Override
    public String toString() {
        return unified ? String.valueOf(unifiedDir) : legacyDirs.toString();
    }
}
