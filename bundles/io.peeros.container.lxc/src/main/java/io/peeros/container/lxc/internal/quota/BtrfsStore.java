package io.peeros.container.lxc.internal.quota;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Disk limits on a btrfs file system that holds the LXC path (in production a btrfs image on a loop device;
 * see docs/container-quotas.md for why not one ext4 image per container). A container's own files (its
 * {@code rootfs}, or for an overlay clone its {@code overlay} directory with the upper and work layers)
 * become a subvolume, and the subvolume's qgroup gets an exclusive limit: what the container shares with
 * its template by reflink is not counted, what it writes is. Writes past the limit fail with EDQUOT.
 * Limits and usage are read from {@code /sys/fs/btrfs/<fsid>/qgroups} without running a tool.
 */
public final class BtrfsStore {

    private static final long LIMIT_TIMEOUT_MILLIS = 30_000;
    private static final int LIMIT_RETRIES = 3;

    private static final long SUBVOLUME_ROOT_INODE = 256;
    private static final int LIMIT_MAX_EXCLUSIVE = 2;

    private final Path lxcPath;
    private final MountInfo.Mount mount;

    /** Reads the mounts now: make one per operation, so a pool mounted later is seen. */
    public BtrfsStore(Path lxcPath) throws IOException {
        this.lxcPath = lxcPath;
        this.mount = MountInfo.read().containing(lxcPath);
    }

    /** Null when disk limits can be set on this LXC path; otherwise why not, in words for the operator. */
    public String unsupportedReason() {
        if (mount == null || !"btrfs".equals(mount.fsType())) {
            return "disk limits need the container storage " + lxcPath + " on btrfs (it is on "
                    + (mount == null ? "an unknown file system" : mount.fsType()) + "): see docs/container-quotas.md";
        }
        if (!Files.isExecutable(Path.of("/usr/bin/btrfs")) && !Files.isExecutable(Path.of("/bin/btrfs"))) {
            return "disk limits need the btrfs tool: apt-get install btrfs-progs";
        }
        return null;
    }

    /** The size of the file system that holds the containers. */
    public long capacityBytes() throws IOException {
        return Files.getFileStore(lxcPath).getTotalSpace();
    }

    /**
     * The directory that holds what container {@code dir} writes, from its {@code lxc.rootfs.path}: the rootfs
     * of a {@code dir:} container, the parent of the upper layer (upper and work) of an overlay clone.
     */
    public static Path writableLayer(Path dir, String rootfsPath) {
        if (rootfsPath == null || rootfsPath.isBlank()) {
            return null;
        }
        String p = rootfsPath.strip();
        if (p.startsWith("overlay:") || p.startsWith("overlayfs:")) {
            String[] f = p.split(":");
            Path upper = f.length >= 3 ? Path.of(f[f.length - 1]).normalize() : null;
            return upper != null && upper.getParent() != null && upper.getParent().startsWith(dir)
                    && !upper.getParent().equals(dir) ? upper.getParent() : null;
        }
        for (String type : List.of("dir:", "btrfs:")) {
            if (p.startsWith(type)) {
                return Path.of(p.substring(type.length())).normalize();
            }
        }
        return p.startsWith("/") ? Path.of(p).normalize() : null;
    }

    /** Whether {@code p} is the root of a btrfs subvolume. */
    public boolean isSubvolume(Path p) throws IOException {
        return mount != null && "btrfs".equals(mount.fsType()) && Files.isDirectory(p)
                && ((Number) Files.getAttribute(p, "unix:ino")).longValue() == SUBVOLUME_ROOT_INODE;
    }

    /**
     * Turns the directory {@code layer} of a stopped container into a subvolume with the same content: a new
     * subvolume gets a reflink copy (no data is copied), then takes the directory's place by rename.
     */
    public void convert(Path layer) throws IOException {
        Path fresh = layer.resolveSibling("." + layer.getFileName() + ".subvolume");
        Path old = layer.resolveSibling("." + layer.getFileName() + ".old");
        removeLeftover(fresh);
        removeLeftover(old);
        HostCommand.check("btrfs", "subvolume", "create", fresh.toString());
        try {
            HostCommand.check("cp", "-a", "--reflink=always", "--", layer + "/.", fresh + "/");
            Files.move(layer, old);
        } catch (IOException e) {
            removeLeftover(fresh);
            throw e;
        }
        try {
            Files.move(fresh, layer);
        } catch (IOException e) {
            Files.move(old, layer);
            removeLeftover(fresh);
            throw e;
        }
        removeLeftover(old);
    }

    /** The id of the subvolume whose root is {@code layer}. */
    public long subvolumeId(Path layer) throws IOException {
        return Long.parseLong(HostCommand.check("btrfs", "inspect-internal", "rootid", layer.toString()).strip());
    }

    /** Turns qgroup accounting on for the file system, once; it is a no-op when it is on. */
    public void enableQuotas() throws IOException {
        Path qgroups = sysfs().resolve("qgroups");
        if (!Files.isDirectory(qgroups)) {
            HostCommand.check("btrfs", "quota", "enable", mount.point().toString());
            HostCommand.check("btrfs", "quota", "rescan", "-w", mount.point().toString());
        }
    }

    /** Sets the exclusive limit of the subvolume {@code layer}; null removes it. */
    public void limit(Path layer, Long bytes) throws IOException {
        List<String> argv = List.of("btrfs", "qgroup", "limit", "-e", bytes == null ? "none" : Long.toString(bytes),
                layer.toString());
        HostCommand.Result result = HostCommand.run(LIMIT_TIMEOUT_MILLIS, argv);
        // Changing the limit of a qgroup that is at its limit needs a transaction, and btrfs may refuse to
        // reserve one for it (EDQUOT) until the space written so far is committed: commit, then try again.
        for (int attempt = 1; result.exitCode() != 0 && result.output().contains("Disk quota exceeded")
                && attempt <= LIMIT_RETRIES; attempt++) {
            HostCommand.check("btrfs", "filesystem", "sync", layer.toString());
            result = HostCommand.run(LIMIT_TIMEOUT_MILLIS, argv);
        }
        if (result.exitCode() != 0) {
            throw new IOException(String.join(" ", argv) + " failed (exit " + result.exitCode() + "): "
                    + result.output());
        }
    }

    /** The exclusive limit of subvolume {@code id}, or null when it has none. */
    public Long limitOf(long id) throws IOException {
        Path q = qgroup(id);
        if ((readLong(q.resolve("limit_flags")) & LIMIT_MAX_EXCLUSIVE) == 0) {
            return null;
        }
        return readLong(q.resolve("max_exclusive"));
    }

    /** The bytes subvolume {@code id} holds that no other subvolume shares, or -1 when unknown. */
    public long used(long id) {
        try {
            return readLong(qgroup(id).resolve("exclusive"));
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    private Path qgroup(long id) throws IOException {
        return sysfs().resolve("qgroups").resolve("0_" + id);
    }

    /** {@code /sys/fs/btrfs/<fsid>}: the one whose device list holds the mount's source device. */
    private Path sysfs() throws IOException {
        String device = Path.of(mount.source()).toRealPath().getFileName().toString();
        try (var all = Files.list(Path.of("/sys/fs/btrfs"))) {
            return all.filter(d -> Files.exists(d.resolve("devices").resolve(device))).findFirst()
                    .orElseThrow(() -> new IOException("no btrfs in /sys/fs/btrfs has device " + device));
        }
    }

    private static long readLong(Path file) throws IOException {
        return Long.parseLong(Files.readString(file).strip());
    }

    /** Removes a leftover of an interrupted conversion; rmdir removes an empty subvolume (Linux 4.18+). */
    private void removeLeftover(Path p) throws IOException {
        if (Files.exists(p)) {
            HostCommand.check("rm", "-rf", "--one-file-system", "--", p.toString());
        }
    }
}
