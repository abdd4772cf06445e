package io.peeros.container.template.internal;

import io.peeros.container.api.TemplateInfo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.slf4j.Logger;

/**
 * Measures a template from its recipe to its import and compares zstd with xz (what {@code lxc-create -t
 * local} takes): pack time and size, and the time to unpack, as medians of several runs.
 */
final class TemplateTimings {

    private TemplateTimings() {
    }

    /** Packs {@code dir}, imports it {@code runs} times and compares with xz; logs and returns the archive. */
    static Path measure(Logger log, String name, Path dir, long recipeNanos, Path work, TemplateStoreService store, int runs)
            throws Exception {
        Path archive = work.resolve(name + "-timing.tar");
        TemplateTestSupport.sh("sync");
        long t0 = System.nanoTime();
        TemplateInfo info = store.build(dir, name, "1.0.0", null, archive, null);
        long pack = System.nanoTime() - t0;

        List<Long> imports = new ArrayList<>();
        List<Long> zstdOnly = new ArrayList<>();
        List<Long> xzOnly = new ArrayList<>();
        Path xz = work.resolve(name + ".tar.xz");
        t0 = System.nanoTime();
        TemplateTestSupport.sh("tar", "--create", "--xz", "--file=" + xz, "--directory=" + dir.resolve("rootfs"),
                "--numeric-owner", "--xattrs", "--one-file-system", ".");
        long xzPack = System.nanoTime() - t0;
        for (int i = 0; i < runs; i++) {
            if (i > 0) {
                store.remove(name, null);
            }
            TemplateTestSupport.sh("sync");
            t0 = System.nanoTime();
            store.importArchive(archive, null);
            imports.add(System.nanoTime() - t0);
            zstdOnly.add(untar(work, store.get(name, null).directory().resolve(StoreLayout.ROOTFS_ZST), "--zstd"));
            xzOnly.add(untar(work, xz, "--xz"));
        }
        log.info(String.format("TIMINGS %s: recipe %.1f s; pack (tar+check+zstd, sign) %.2f s -> archive %.1f MB "
                        + "(rootfs tar %.1f MB); xz pack %.2f s -> %.1f MB; import (verify+check+extract, median of %d) %.0f ms; "
                        + "plain tar --zstd -x %.0f ms; plain tar --xz -x %.0f ms (xz/zstd %.1fx)",
                name, recipeNanos / 1e9, pack / 1e9, Files.size(archive) / 1e6, info.rootfsSize() / 1e6, xzPack / 1e9,
                Files.size(xz) / 1e6, runs, median(imports) / 1e6, median(zstdOnly) / 1e6, median(xzOnly) / 1e6,
                (double) median(xzOnly) / median(zstdOnly)));
        return archive;
    }

    private static long untar(Path work, Path archive, String filter) throws IOException, InterruptedException {
        Path target = Files.createTempDirectory(work, "untar-");
        try {
            // each run starts without the previous one's dirty pages to write back
            TemplateTestSupport.sh("sync");
            long t0 = System.nanoTime();
            TemplateTestSupport.sh("tar", "--extract", filter, "--file=" + archive, "--directory=" + target,
                    "--numeric-owner", "--same-owner", "--xattrs");
            return System.nanoTime() - t0;
        } finally {
            StoreLayout.deleteTree(target);
        }
    }

    private static long median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }
}
