package io.peeros.container.lxc.internal.quota;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The mounts of this host from {@code /proc/self/mountinfo}: which file system holds a path. */
final class MountInfo {

    /** One mount: where, which file system type, from which source device. */
    record Mount(Path point, String fsType, String source) {
    }

    private final List<Mount> mounts;

    MountInfo(List<Mount> mounts) {
        this.mounts = List.copyOf(mounts);
    }

    static MountInfo read() throws IOException {
        return parse(Files.readAllLines(Path.of("/proc/self/mountinfo")));
    }

    static MountInfo parse(List<String> lines) {
        List<Mount> mounts = new ArrayList<>();
        for (String line : lines) {
            String[] f = line.split(" ");
            int dash = List.of(f).indexOf("-");
            if (f.length > 4 && dash > 0 && dash + 2 < f.length) {
                mounts.add(new Mount(Path.of(f[4].replace("\\040", " ")), f[dash + 1], f[dash + 2]));
            }
        }
        return new MountInfo(mounts);
    }

    /** The mount that holds {@code path}: the last mounted of the deepest mount points above it. */
    Mount containing(Path path) throws IOException {
        Path real = Files.exists(path) ? path.toRealPath() : path.toAbsolutePath().normalize();
        Mount best = null;
        for (Mount m : mounts) {
            if (real.startsWith(m.point())
                    && (best == null || m.point().getNameCount() >= best.point().getNameCount())) {
                best = m;
            }
        }
        return best;
    }
}
