package io.peeros.container.template.internal;

import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.Test;

/** Prints the busybox template's figures (recipe, pack, size, import; zstd against xz). */
public class BusyboxTimingsTest extends TemplateTestSupport {

    @Test
    public void busyboxFromRecipeToImport() throws Exception {
        Path dir = work.resolve("timed-busybox");
        long t0 = System.nanoTime();
        sh(repo().resolve("lxc-templates/busybox/build.sh").toString(), dir.toString());
        long recipe = System.nanoTime() - t0;
        Path archive = TemplateTimings.measure(LOG, "busybox", dir, recipe, work, newStore("timings"), 7);
        assertTrue(Files.size(archive) < 4_000_000);
    }
}
