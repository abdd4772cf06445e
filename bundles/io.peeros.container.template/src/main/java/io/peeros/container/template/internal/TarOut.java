package io.peeros.container.template.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.LongConsumer;

/** Writes a plain ustar stream of regular files owned by root: the outer template archive. */
final class TarOut {

    private static final int RECORD = 20 * TarHeader.BLOCK;

    private final OutputStream out;
    private final long mtime;
    private long written;

    TarOut(OutputStream out, long mtimeSeconds) {
        this.out = out;
        this.mtime = mtimeSeconds;
    }

    void entry(String name, byte[] data) throws IOException {
        write(TarHeader.header(name, TarHeader.REGULAR, 0644, data.length, mtime, null));
        write(data);
        write(new byte[(int) TarHeader.padding(data.length)]);
    }

    void entry(String name, Path file, LongConsumer progress) throws IOException {
        long size = Files.size(file);
        write(TarHeader.header(name, TarHeader.REGULAR, 0644, size, mtime, null));
        byte[] buf = new byte[1 << 16];
        long copied = 0;
        try (InputStream in = Files.newInputStream(file)) {
            for (int n; (n = in.read(buf)) > 0 && copied < size; ) {
                int k = (int) Math.min(n, size - copied);
                write(buf, k);
                copied += k;
                progress.accept(written);
            }
        }
        if (copied != size) {
            throw new IOException(file + " changed size while it was archived");
        }
        write(new byte[(int) TarHeader.padding(size)]);
    }

    /** Writes the end-of-archive marker (two zero blocks) and pads to a whole 10 KiB record, as tar does. */
    void finish() throws IOException {
        write(new byte[2 * TarHeader.BLOCK]);
        write(new byte[(int) ((RECORD - written % RECORD) % RECORD)]);
        out.flush();
    }

    long written() {
        return written;
    }

    private void write(byte[] b) throws IOException {
        write(b, b.length);
    }

    private void write(byte[] b, int len) throws IOException {
        out.write(b, 0, len);
        written += len;
    }
}
