package io.peeros.container.lxc.internal.metrics;

import io.peeros.container.lxc.internal.quota.BtrfsStore;
import io.peeros.container.lxc.internal.quota.QuotaRecord;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The disk space of a container's own files. A container with a disk limit has its own btrfs subvolume, and
 * the qgroup's exclusive bytes are read from sysfs at no cost. Any other container is measured by walking
 * its writable layer (the rootfs, or an overlay clone's upper layer), which costs a stat per file, so
 * the result is kept for a while.
 */
final class DiskUsage {

    private record Scan(long bytes, long atNanos) {
    }

    private final Map<Path, Scan> scans = new ConcurrentHashMap<>();
    private final long maxAgeNanos;

    DiskUsage(long maxAgeNanos) {
        this.maxAgeNanos = maxAgeNanos;
    }

    /** The bytes of container {@code dir}'s own files, or -1 when they cannot be measured. */
    long of(Path dir, String rootfsPath, BtrfsStore store) {
        Path layer = BtrfsStore.writableLayer(dir, rootfsPath);
        if (layer == null) {
            return -1;
        }
        try {
            long subvolume = QuotaRecord.read(dir).subvolumeId();
            if (subvolume != 0 && store.isSubvolume(layer)) {
                long used = store.used(subvolume);
                if (used >= 0) {
                    return used;
                }
            }
            Scan s = scans.get(layer);
            if (s == null || System.nanoTime() - s.atNanos() > maxAgeNanos) {
                s = new Scan(walk(layer), System.nanoTime());
                scans.put(layer, s);
            }
            return s.bytes();
        } catch (IOException e) {
            return -1;
        }
    }

    /** Forgets scans of containers that are gone. */
    void retain(Set<Path> dirs) {
        scans.keySet().removeIf(layer -> dirs.stream().noneMatch(layer::startsWith));
    }

    private static long walk(Path layer) throws IOException {
        long[] total = {0};
        Files.walkFileTree(layer, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                total[0] += attrs.isRegularFile() ? attrs.size() : 0;
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
                return FileVisitResult.CONTINUE; // removed while we walked
            }
        });
        return total[0];
    }
}
