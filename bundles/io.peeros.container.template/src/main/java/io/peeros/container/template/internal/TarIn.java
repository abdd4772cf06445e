package io.peeros.container.template.internal;

import io.peeros.container.api.TemplateException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.util.function.LongConsumer;

/**
 * Reads the outer template archive strictly, entry by entry: only regular files with plain ustar or GNU
 * headers, no extended headers, the end marker and nothing but zeros after it.
 */
final class TarIn {

    /** One regular-file entry. */
    record Entry(String name, long size) {
    }

    private final InputStream in;
    private final byte[] block = new byte[TarHeader.BLOCK];
    private long position;

    TarIn(InputStream in) {
        this.in = in;
    }

    /** The next entry, or {@code null} at the end-of-archive marker (or at the end of the file). */
    Entry next() throws IOException {
        long at = position;
        if (!readBlock()) {
            return null;
        }
        if (TarHeader.isZero(block)) {
            expectOnlyZeros();
            return null;
        }
        if (!TarHeader.checksumOk(block)) {
            throw invalid("damaged tar header at byte " + at);
        }
        byte type = TarHeader.type(block);
        String name = TarHeader.name(block);
        if (type != TarHeader.REGULAR && type != TarHeader.REGULAR_OLD) {
            throw invalid("entry '" + name + "' at byte " + at + " is not a regular file (tar type '" + (char) type
                    + "'); a template archive holds four regular files");
        }
        try {
            return new Entry(name, TarHeader.size(block));
        } catch (IllegalArgumentException e) {
            throw invalid("entry '" + name + "' has a damaged size field");
        }
    }

    /** The data of a small entry, refused when larger than {@code max}. */
    byte[] read(Entry e, int max) throws IOException {
        if (e.size() > max) {
            throw invalid(e.name() + " is " + e.size() + " bytes, more than the " + max + " allowed");
        }
        byte[] data = in.readNBytes((int) e.size());
        position += data.length;
        if (data.length != e.size()) {
            throw invalid("the archive ends inside " + e.name());
        }
        skip(TarHeader.padding(e.size()));
        return data;
    }

    /** Copies an entry's data to {@code out}, feeding {@code digest}, and reports the archive position. */
    void copy(Entry e, OutputStream out, MessageDigest digest, LongConsumer progress) throws IOException {
        byte[] buf = new byte[1 << 16];
        long left = e.size();
        while (left > 0) {
            int n = in.read(buf, 0, (int) Math.min(buf.length, left));
            if (n < 0) {
                throw invalid("the archive ends inside " + e.name());
            }
            digest.update(buf, 0, n);
            out.write(buf, 0, n);
            left -= n;
            position += n;
            progress.accept(position);
        }
        skip(TarHeader.padding(e.size()));
    }

    long position() {
        return position;
    }

    private void expectOnlyZeros() throws IOException {
        byte[] buf = new byte[1 << 16];
        for (int n; (n = in.read(buf)) > 0; ) {
            for (int i = 0; i < n; i++) {
                if (buf[i] != 0) {
                    throw invalid("data after the end-of-archive marker at byte " + (position + i));
                }
            }
            position += n;
        }
    }

    private boolean readBlock() throws IOException {
        int n = in.readNBytes(block, 0, TarHeader.BLOCK);
        position += n;
        if (n == 0) {
            return false;
        }
        if (n < TarHeader.BLOCK) {
            throw invalid("the archive ends inside a tar header");
        }
        return true;
    }

    private void skip(long n) throws IOException {
        byte[] pad = in.readNBytes((int) n);
        position += pad.length;
        if (pad.length != n) {
            throw invalid("the archive ends inside the padding of an entry");
        }
    }

    static TemplateException invalid(String why) {
        return new TemplateException(TemplateException.INVALID_ARCHIVE, "not a valid template archive: " + why);
    }
}
