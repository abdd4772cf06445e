package io.peeros.container.template.internal;

import io.peeros.container.api.TemplateException;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongConsumer;

/**
 * Packs a root file system into {@code rootfs.tar.zst}: {@code tar -c} → {@link RootfsTarCheck} → {@code zstd}.
 * The same check as at import runs on the way, so a rootfs the store would refuse fails here, at build time.
 */
final class RootfsPacker {

    /** The packed rootfs: uncompressed tar bytes, compressed bytes and the SHA-256 of the compressed file. */
    record Packed(long size, long compressedSize, String sha256) {
    }

    private final int zstdLevel;

    RootfsPacker(int zstdLevel) {
        this.zstdLevel = zstdLevel;
    }

    /**
     * The {@code tar} command that writes {@code dir} to stdout: POSIX format, numeric owners, file
     * capabilities and user xattrs, sorted names, no atime/ctime (reproducible), one file system, without
     * the contents of {@code /dev} (LXC creates it at each start).
     */
    static List<String> tarCommand(String dir) {
        return new ArrayList<>(List.of("tar", "--create", "--file=-", "--directory=" + dir, "--format=posix",
                "--numeric-owner", "--xattrs", "--xattrs-include=security.capability", "--xattrs-include=user.*",
                "--pax-option=delete=atime,delete=ctime", "--sort=name", "--one-file-system", "--anchored",
                "--exclude=./dev/*", "."));
    }

    /** Runs {@code tarCommand} (a {@link #tarCommand} or one wrapped to mount first) and writes {@code target}. */
    Packed pack(List<String> tarCommand, Path target, LongConsumer progress) throws IOException {
        List<String> zstd = List.of("zstd", "-q", "--no-progress", "-T0", "-" + zstdLevel, "-c", "-");
        try (Tool tar = Tool.start(tarCommand, Redirect.from(new java.io.File("/dev/null")), Redirect.PIPE);
                Tool z = Tool.start(zstd, Redirect.PIPE, Redirect.to(target.toFile()))) {
            long size;
            try (InputStream in = tar.process().getInputStream(); OutputStream out = z.process().getOutputStream()) {
                size = new RootfsTarCheck(Long.MAX_VALUE).copy(new BufferedInputStream(in, 1 << 16),
                        new BufferedOutputStream(out, 1 << 16), progress);
            } catch (IOException e) {
                throw failure(tar, z, e);
            }
            tar.finish("pack the rootfs");
            z.finish("compress the rootfs");
            return new Packed(size, Files.size(target), Digests.sha256(target));
        }
    }

    /** A broken pipe is the symptom; the tool that failed says the cause. */
    static TemplateException failure(Tool producer, Tool consumer, IOException e) {
        String why = (producer.stderrText() + " " + consumer.stderrText()).strip();
        return new TemplateException(TemplateException.STORE_FAILURE, "could not stream the rootfs: "
                + (why.isEmpty() ? e.getMessage() : why), e);
    }
}
