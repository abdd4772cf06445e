package io.peeros.container.template.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.UUID;
import java.util.function.LongConsumer;

/**
 * The template archive: an uncompressed ustar file of four regular files, in this order, then the
 * end-of-archive marker: {@code metadata.json}, {@code metadata.sig}, {@code config}, {@code rootfs.tar.zst}.
 * See docs/templates.md for the byte-level description.
 */
final class ArchiveFormat {

    static final int MAX_METADATA = 64 * 1024;
    static final int MAX_SIGNATURE = 1024;
    static final int MAX_CONFIG = 64 * 1024;

    private ArchiveFormat() {
    }

    /** Writes the archive to {@code out}. */
    static long write(OutputStream out, byte[] metadata, byte[] signature, byte[] config, Path rootfsZst,
            long mtimeSeconds, LongConsumer progress) throws IOException {
        TarOut tar = new TarOut(out, mtimeSeconds);
        tar.entry(StoreLayout.METADATA, metadata);
        tar.entry(StoreLayout.SIGNATURE, signature);
        tar.entry(StoreLayout.CONFIG, config);
        tar.entry(StoreLayout.ROOTFS_ZST, rootfsZst, progress);
        tar.finish();
        return tar.written();
    }

    /** Writes the archive to {@code archive} through a temporary file, synced and renamed into place. */
    static long writeFile(Path archive, byte[] metadata, byte[] signature, byte[] config, Path rootfsZst,
            long mtimeSeconds, LongConsumer progress) throws IOException {
        Path target = archive.toAbsolutePath();
        Path tmp = target.resolveSibling("." + target.getFileName() + ".tmp-" + UUID.randomUUID());
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            OutputStream out = new java.io.BufferedOutputStream(Channels.newOutputStream(ch), 1 << 16);
            long size = write(out, metadata, signature, config, rootfsZst, mtimeSeconds, progress);
            out.flush();
            ch.force(true);
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return size;
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
