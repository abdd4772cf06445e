package io.peeros.registry.internal;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** What a peer reports about its capacity, read from /proc and the file system of the state directory. */
final class SystemProbe {

    private final Path proc;

    SystemProbe(Path proc) {
        this.proc = proc;
    }

    /** Capacity figures; zero where the platform does not tell. */
    record Capacity(int cpuCores, long ramBytes, long freeRamBytes, long diskBytes, long freeDiskBytes,
            double loadAverage) {
    }

    Capacity read(Path stateDir) {
        List<String> meminfo = lines(proc.resolve("meminfo"));
        long[] disk = disk(stateDir);
        return new Capacity(Runtime.getRuntime().availableProcessors(), kibibytes(meminfo, "MemTotal:"),
                kibibytes(meminfo, "MemAvailable:"), disk[0], disk[1], loadAverage());
    }

    private double loadAverage() {
        List<String> loadavg = lines(proc.resolve("loadavg"));
        try {
            return loadavg.isEmpty() ? 0 : Double.parseDouble(loadavg.get(0).trim().split("\\s+")[0]);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static long kibibytes(List<String> meminfo, String key) {
        for (String line : meminfo) {
            if (line.startsWith(key)) {
                String[] fields = line.substring(key.length()).trim().split("\\s+");
                try {
                    return Long.parseLong(fields[0]) * 1024;
                } catch (NumberFormatException e) {
                    return 0;
                }
            }
        }
        return 0;
    }

    /** Total and free bytes of the file system holding {@code dir} (or its nearest existing parent). */
    private static long[] disk(Path dir) {
        Path existing = dir.toAbsolutePath();
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return new long[] {0, 0};
        }
        try {
            FileStore store = Files.getFileStore(existing);
            return new long[] {store.getTotalSpace(), store.getUsableSpace()};
        } catch (IOException e) {
            return new long[] {0, 0};
        }
    }

    private static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            return List.of();
        }
    }
}
