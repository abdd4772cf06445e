package io.peeros.container.template.internal;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Path;
import java.util.List;
import java.util.function.LongConsumer;

/**
 * Unpacks a verified {@code rootfs.tar.zst}: {@code zstd -d} → {@link RootfsTarCheck} → {@code tar -x}. Owners
 * are kept by number (the container's {@code /etc/passwd}, not the host's, gives them names), modes with
 * setuid bits, file capabilities and user xattrs; everything else tar would restore from foreign xattrs
 * (overlay, trusted, ACLs) is left out.
 */
final class RootfsExtractor {

    private RootfsExtractor() {
    }

    /** Extracts into the empty directory {@code target}; returns the bytes of the tar stream. */
    static long extract(Path rootfsZst, Path target, long signedSize, LongConsumer progress) throws IOException {
        List<String> zstd = List.of("zstd", "-d", "-q", "--no-progress", "-c", rootfsZst.toString());
        List<String> tar = List.of("tar", "--extract", "--file=-", "--directory=" + target, "--numeric-owner",
                "--same-owner", "--same-permissions", "--xattrs", "--xattrs-include=security.capability",
                "--xattrs-include=user.*");
        try (Tool z = Tool.start(zstd, Redirect.from(new java.io.File("/dev/null")), Redirect.PIPE);
                Tool x = Tool.start(tar, Redirect.PIPE, Redirect.DISCARD)) {
            long size;
            try (InputStream in = z.process().getInputStream(); OutputStream out = x.process().getOutputStream()) {
                size = new RootfsTarCheck(signedSize).copy(new BufferedInputStream(in, 1 << 16),
                        new BufferedOutputStream(out, 1 << 16), progress);
            } catch (IOException e) {
                throw RootfsPacker.failure(z, x, e);
            }
            z.finish("decompress the rootfs");
            x.finish("extract the rootfs");
            return size;
        }
    }
}
