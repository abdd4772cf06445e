package io.peeros.container.template.internal;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The 512-byte POSIX ustar header block (also read in its GNU variant): the fields the store reads and
 * writes. Numbers are octal, or GNU base-256 when the high bit of the field's first byte is set.
 */
final class TarHeader {

    static final int BLOCK = 512;
    static final byte REGULAR = '0';
    static final byte REGULAR_OLD = 0;
    static final byte HARDLINK = '1';
    static final byte SYMLINK = '2';
    static final byte CHAR_DEVICE = '3';
    static final byte BLOCK_DEVICE = '4';
    static final byte DIRECTORY = '5';
    static final byte FIFO = '6';
    static final byte CONTIGUOUS = '7';
    static final byte PAX = 'x';
    static final byte PAX_GLOBAL = 'g';
    static final byte GNU_LONG_NAME = 'L';
    static final byte GNU_LONG_LINK = 'K';

    private static final byte[] USTAR = {'u', 's', 't', 'a', 'r', 0};
    private static final long MAX_OCTAL_11 = 077777777777L;

    private TarHeader() {
    }

    static boolean isZero(byte[] block) {
        for (byte b : block) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    /** Whether the stored checksum matches (unsigned sum, or the signed sum some old writers used). */
    static boolean checksumOk(byte[] h) {
        long stored;
        try {
            stored = number(h, 148, 8);
        } catch (IllegalArgumentException e) {
            return false;
        }
        long unsigned = 0;
        long signed = 0;
        for (int i = 0; i < BLOCK; i++) {
            byte b = i >= 148 && i < 156 ? (byte) ' ' : h[i];
            unsigned += b & 0xff;
            signed += b;
        }
        return stored == unsigned || stored == signed;
    }

    static byte type(byte[] h) {
        return h[156];
    }

    static long size(byte[] h) {
        return number(h, 124, 12);
    }

    /** The entry name: {@code prefix/name} in ustar headers, the name field alone in GNU ones. */
    static String name(byte[] h) {
        String name = string(h, 0, 100);
        String prefix = Arrays.equals(Arrays.copyOfRange(h, 257, 263), USTAR) ? string(h, 345, 155) : "";
        return prefix.isEmpty() ? name : prefix + "/" + name;
    }

    static String linkName(byte[] h) {
        return string(h, 157, 100);
    }

    static long padding(long size) {
        return (BLOCK - size % BLOCK) % BLOCK;
    }

    /** A numeric field: octal digits (space or NUL padded), or GNU base-256. */
    static long number(byte[] h, int off, int len) {
        if ((h[off] & 0x80) != 0) {
            if ((h[off] & 0x40) != 0 || len > 12) {
                throw new IllegalArgumentException("negative or oversized base-256 number");
            }
            long v = h[off] & 0x3f;
            for (int i = 1; i < len; i++) {
                if ((v >>> 55) != 0) {
                    throw new IllegalArgumentException("base-256 number out of range");
                }
                v = (v << 8) | (h[off + i] & 0xff);
            }
            return v;
        }
        long v = 0;
        int i = off;
        int end = off + len;
        while (i < end && h[i] == ' ') {
            i++;
        }
        boolean digits = false;
        for (; i < end && h[i] >= '0' && h[i] <= '7'; i++) {
            v = (v << 3) | (h[i] - '0');
            digits = true;
        }
        for (; i < end; i++) {
            if (h[i] != ' ' && h[i] != 0) {
                throw new IllegalArgumentException("not an octal number");
            }
        }
        if (!digits) {
            throw new IllegalArgumentException("empty number");
        }
        return v;
    }

    static String string(byte[] h, int off, int len) {
        int end = off;
        while (end < off + len && h[end] != 0) {
            end++;
        }
        return new String(h, off, end - off, StandardCharsets.UTF_8);
    }

    /** A ustar header for root-owned {@code name}; the name must fit the 100-byte field. */
    static byte[] header(String name, byte type, int mode, long size, long mtimeSeconds, String linkName) {
        byte[] h = new byte[BLOCK];
        put(h, 0, 100, name);
        octal(h, 100, 8, mode);
        octal(h, 108, 8, 0);
        octal(h, 116, 8, 0);
        if (size > MAX_OCTAL_11) {
            h[124] = (byte) 0x80;
            for (int i = 0; i < 8; i++) {
                h[135 - i] = (byte) (size >>> (8 * i));
            }
        } else {
            octal(h, 124, 12, size);
        }
        octal(h, 136, 12, mtimeSeconds);
        h[156] = type;
        put(h, 157, 100, linkName == null ? "" : linkName);
        System.arraycopy(USTAR, 0, h, 257, 6);
        h[263] = '0';
        h[264] = '0';
        put(h, 265, 32, "root");
        put(h, 297, 32, "root");
        Arrays.fill(h, 148, 156, (byte) ' ');
        long sum = 0;
        for (byte b : h) {
            sum += b & 0xff;
        }
        octal(h, 148, 7, sum);
        return h;
    }

    private static void put(byte[] h, int off, int len, String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        if (b.length > len) {
            throw new IllegalArgumentException("tar field too long: " + s);
        }
        System.arraycopy(b, 0, h, off, b.length);
    }

    /** {@code len - 1} octal digits and a NUL. */
    private static void octal(byte[] h, int off, int len, long v) {
        String s = Long.toOctalString(v);
        if (s.length() > len - 1) {
            throw new IllegalArgumentException("number too large for tar field: " + v);
        }
        s = "0".repeat(len - 1 - s.length()) + s;
        put(h, off, len - 1, s);
        h[off + len - 1] = 0;
    }
}
