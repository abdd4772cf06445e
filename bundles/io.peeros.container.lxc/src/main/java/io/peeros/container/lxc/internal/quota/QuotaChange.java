package io.peeros.container.lxc.internal.quota;

import io.peeros.container.api.ContainerException;
import io.peeros.container.api.ContainerInfo;
import io.peeros.container.api.Quota;
import io.peeros.container.lxc.internal.cgroup.CgroupMounts;
import io.peeros.container.lxc.internal.cgroup.ContainerCgroup;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * One quota change on one container, all or nothing: check the whole quota against the host, refuse what
 * needs another state, then disk, cgroups and network (live, when the container runs), then the config
 * and the record. Every step that changed something leaves an {@link Undo}; any failure runs them all.
 */
final class QuotaChange {

    private final ContainerInfo info;
    private final Path dir;
    private final Quota quota;
    private final CgroupMounts mounts;
    private final NetworkShaper shaper;
    private final Predicate<String> isActive;
    private final Undo undo = new Undo();

    QuotaChange(ContainerInfo info, Path dir, Quota quota, CgroupMounts mounts, NetworkShaper shaper,
            Predicate<String> isActive) {
        this.info = info;
        this.dir = dir;
        this.quota = quota;
        this.mounts = mounts;
        this.shaper = shaper;
        this.isActive = isActive;
    }

    void run() throws IOException {
        BtrfsStore store = new BtrfsStore(dir.getParent());
        List<String> problems = QuotaCheck.problems(quota, HostCapacity.read(mounts.isUnified(), store));
        if (!problems.isEmpty()) {
            throw new ContainerException(ContainerException.INVALID_REQUEST, "quota for " + info.name()
                    + " refused, nothing was changed: " + String.join("; ", problems));
        }
        Path configFile = dir.resolve("config");
        String oldConfig = ConfigFile.read(configFile);
        QuotaRecord oldRecord = QuotaRecord.read(dir);
        Path layer = BtrfsStore.writableLayer(dir, ConfigFile.entries(oldConfig).get("lxc.rootfs.path"));
        boolean convert = quota.diskBytes() != null && needsSubvolume(store, layer);
        boolean active = info.state().isActive() && info.pid() > 0;
        try {
            long subvolume = disk(store, layer, convert, oldRecord);
            if (active) {
                CgroupApply.apply(ContainerCgroup.of(mounts, info.name(), info.pid()), quota, undo);
                network(oldRecord.networkBitsPerSecond());
            }
            ConfigFile.write(configFile, ConfigFile.rewrite(oldConfig, CgroupLimits.KEYS,
                    CgroupLimits.config(quota, mounts.isUnified())));
            undo.push("config", () -> ConfigFile.write(configFile, oldConfig));
            new QuotaRecord(quota.diskBytes(), subvolume, quota.networkBitsPerSecond()).write(dir);
        } catch (IOException | RuntimeException e) {
            undo.rollback();
            if (e instanceof ContainerException ce) {
                throw ce;
            }
            throw new ContainerException(ContainerException.LXC_FAILURE, "quota for " + info.name()
                    + " not applied, its limits are as they were: " + e.getMessage(), e);
        }
    }

    /**
     * Whether the container's own files must first become a subvolume; refused when that cannot happen now:
     * the move swaps a directory that a running container (or a running clone, through its lower layer) has
     * open.
     */
    private boolean needsSubvolume(BtrfsStore store, Path layer) throws IOException {
        if (layer == null || !Files.isDirectory(layer)) {
            throw new ContainerException(ContainerException.INVALID_REQUEST, "container " + info.name()
                    + " keeps its files where no disk limit can be set (only dir: and overlay root file systems)");
        }
        if (store.isSubvolume(layer)) {
            return false;
        }
        List<String> running = new ArrayList<>();
        if (info.state().isActive()) {
            running.add(info.name());
        }
        clones().stream().filter(isActive).forEach(running::add);
        if (!running.isEmpty()) {
            throw new ContainerException(ContainerException.INVALID_STATE, "the first disk limit of " + info.name()
                    + " moves its files into a btrfs subvolume, which needs " + running
                    + " stopped; later changes work while it runs");
        }
        return true;
    }

    /** Clones listed in LXC's {@code lxc_snapshots}: a path line, then a name line, per clone. */
    private List<String> clones() throws IOException {
        try {
            List<String> lines = Files.readAllLines(dir.resolve("lxc_snapshots"));
            List<String> names = new ArrayList<>();
            for (int i = 1; i < lines.size(); i += 2) {
                names.add(lines.get(i).strip());
            }
            return names;
        } catch (NoSuchFileException e) {
            return List.of();
        }
    }

    /** Sets or removes the disk limit; returns the subvolume id to record (0 when there is none). */
    private long disk(BtrfsStore store, Path layer, boolean convert, QuotaRecord old) throws IOException {
        boolean limited = quota.diskBytes() != null;
        if (!limited && (old.diskBytes() == null || layer == null || !store.isSubvolume(layer))) {
            return old.subvolumeId();
        }
        if (limited) {
            store.enableQuotas();
        }
        if (convert) {
            store.convert(layer); // same files afterwards, so there is nothing to undo
        }
        long id = store.subvolumeId(layer);
        Long before = store.limitOf(id);
        if (!Objects.equals(before, quota.diskBytes())) {
            store.limit(layer, quota.diskBytes());
            undo.push("disk limit back to " + before, () -> store.limit(layer, before));
        }
        return id;
    }

    private void network(Long before) throws IOException {
        Long bits = quota.networkBitsPerSecond();
        if (before != null || bits != null) {
            // pushed first: a failure halfway through the tc commands is undone too
            undo.push("network limit back to " + before, () -> shaper.apply(info.name(), info.pid(), before));
            shaper.apply(info.name(), info.pid(), bits);
        }
    }
}
