package io.peeros.container.template.internal;

import io.peeros.container.api.TemplateException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.LongConsumer;

/**
 * Checks a rootfs tar stream entry by entry while it is copied to {@code tar -x}: a header (with its pax or
 * GNU long-name headers) is passed on only once the entry it describes has been checked, so a refused entry
 * never reaches the extracting tar. Refused: absolute names, {@code ..} components, names or hard-link
 * targets that go through a symlink of the archive, device nodes, sparse and other exotic entry types, data
 * beyond the signed size. Symlinks themselves may point anywhere: they are stored, never followed here, and
 * GNU tar defers links that point outside until the end of extraction.
 */
final class RootfsTarCheck {

    private static final int MAX_EXTENDED_HEADER = 1 << 20;
    private static final long REPORT_EVERY = 4L << 20;

    private final long limit;
    private final byte[] block = new byte[TarHeader.BLOCK];
    private final ByteArrayOutputStream held = new ByteArrayOutputStream();
    private final Map<String, String> pax = new HashMap<>();
    private final Set<String> symlinks = new HashSet<>();
    private String longName;
    private String longLink;
    private boolean paxSeen;
    private long count;
    private long entries;

    /** @param limit the most bytes the stream may hold (the signed size), or {@link Long#MAX_VALUE} */
    RootfsTarCheck(long limit) {
        this.limit = limit;
    }

    /** Copies the whole stream after checking it; returns the bytes copied. {@code out} may be null (check only). */
    long copy(InputStream in, OutputStream out, LongConsumer progress) throws IOException {
        long reported = 0;
        while (true) {
            if (!readBlock(in)) {
                throw invalid("the rootfs tar ends without an end-of-archive marker");
            }
            if (TarHeader.isZero(block)) {
                if (held.size() > 0) {
                    throw invalid("an extended header is not followed by an entry");
                }
                emit(out, block, block.length);
                copyTrailingZeros(in, out);
                if (out != null) {
                    out.flush();
                }
                progress.accept(count);
                return count;
            }
            if (!TarHeader.checksumOk(block)) {
                throw invalid("damaged tar header at byte " + (count - TarHeader.BLOCK));
            }
            if (!extendedHeader(in)) {
                long size = checkEntry();
                emit(out, held.toByteArray(), held.size());
                held.reset();
                emit(out, block, block.length);
                copyData(in, out, size + TarHeader.padding(size));
                pax.clear();
                paxSeen = false;
                longName = null;
                longLink = null;
                entries++;
            }
            if (count - reported >= REPORT_EVERY) {
                progress.accept(count);
                reported = count;
            }
        }
    }

    /** Entries checked so far (not counting extended headers). */
    long entries() {
        return entries;
    }

    /** Reads and holds a pax or GNU long-name header and its data; false if the block is a real entry. */
    private boolean extendedHeader(InputStream in) throws IOException {
        byte type = TarHeader.type(block);
        if (type != TarHeader.PAX && type != TarHeader.PAX_GLOBAL && type != TarHeader.GNU_LONG_NAME
                && type != TarHeader.GNU_LONG_LINK) {
            return false;
        }
        long size = size(TarHeader.size(block));
        if (size > MAX_EXTENDED_HEADER) {
            throw invalid("an extended header of " + size + " bytes");
        }
        held.write(block, 0, block.length);
        byte[] data = readExactly(in, (int) (size + TarHeader.padding(size)));
        held.write(data, 0, data.length);
        String text = TarHeader.string(data, 0, (int) size);
        // One of each per entry: which of two would win is where tar implementations differ.
        switch (type) {
            case TarHeader.GNU_LONG_NAME -> longName = once(longName, text, "GNU long-name");
            case TarHeader.GNU_LONG_LINK -> longLink = once(longLink, text, "GNU long-link");
            case TarHeader.PAX -> {
                if (paxSeen) {
                    throw invalid("two pax headers precede one entry");
                }
                paxSeen = true;
                pax.putAll(PaxRecords.parse(data, (int) size));
            }
            default -> {
                Map<String, String> global = PaxRecords.parse(data, (int) size);
                for (String key : global.keySet()) {
                    if (key.equals("path") || key.equals("linkpath") || key.equals("size") || key.startsWith("GNU.sparse")) {
                        throw unsafe("a global pax header sets '" + key + "' for every entry");
                    }
                }
            }
        }
        return true;
    }

    /** Checks the entry in {@link #block} with its held extended headers; returns its data size. */
    private long checkEntry() {
        byte type = TarHeader.type(block);
        if ((pax.containsKey("path") && longName != null) || (pax.containsKey("linkpath") && longLink != null)) {
            throw invalid("an entry is named both by a pax header and by a GNU long-name header");
        }
        String rawName = pax.getOrDefault("path", longName != null ? longName : TarHeader.name(block));
        String rawLink = pax.getOrDefault("linkpath", longLink != null ? longLink : TarHeader.linkName(block));
        long size = pax.containsKey("size") ? paxSize(pax.get("size")) : size(TarHeader.size(block));
        for (String key : pax.keySet()) {
            if (key.startsWith("GNU.sparse")) {
                throw invalid("entry " + rawName + " is a sparse file; sparse entries are not supported");
            }
        }
        String path = normalize(rawName, "entry");
        notThroughSymlink(path, rawName);
        switch (type) {
            case TarHeader.REGULAR, TarHeader.REGULAR_OLD, TarHeader.CONTIGUOUS -> {
                if (path.isEmpty()) {
                    throw unsafe("a regular file is named like the rootfs itself");
                }
                return size;
            }
            case TarHeader.HARDLINK -> {
                String target = normalize(rawLink, "hard link " + rawName + " ->");
                if (target.isEmpty()) {
                    throw unsafe("hard link " + rawName + " points at the rootfs itself");
                }
                notThroughSymlink(target, rawLink);
            }
            case TarHeader.SYMLINK -> {
                if (rawLink.isEmpty() || path.isEmpty()) {
                    throw unsafe("symlink '" + rawName + "' has no target or names the rootfs itself");
                }
                symlinks.add(path);
            }
            case TarHeader.DIRECTORY, TarHeader.FIFO -> {
                if (type == TarHeader.FIFO && path.isEmpty()) {
                    throw unsafe("a fifo is named like the rootfs itself");
                }
            }
            case TarHeader.CHAR_DEVICE, TarHeader.BLOCK_DEVICE -> throw unsafe("entry " + rawName
                    + " is a device node; templates hold none (LXC creates /dev at each start)");
            default -> throw invalid("entry " + rawName + " has the unsupported tar type '" + (char) type + "'");
        }
        if (size != 0) {
            throw invalid("entry " + rawName + " of tar type '" + (char) type + "' carries " + size + " bytes of data");
        }
        return 0;
    }

    /** The path relative to the rootfs, without "." and empty components; refuses absolute and ".." names. */
    static String normalize(String name, String what) {
        if (name.isEmpty()) {
            throw unsafe(what + " has an empty name");
        }
        if (name.startsWith("/")) {
            throw unsafe(what + " '" + name + "' is an absolute path");
        }
        StringBuilder path = new StringBuilder();
        for (String part : name.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                throw unsafe(what + " '" + name + "' contains '..' and could write outside the rootfs");
            }
            if (path.length() > 0) {
                path.append('/');
            }
            path.append(part);
        }
        return path.toString();
    }

    private void notThroughSymlink(String path, String raw) {
        for (int i = path.indexOf('/'); i > 0; i = path.indexOf('/', i + 1)) {
            if (symlinks.contains(path.substring(0, i))) {
                throw unsafe("'" + raw + "' goes through the symlink " + path.substring(0, i)
                        + " of the same archive and could write outside the rootfs");
            }
        }
    }

    private void copyData(InputStream in, OutputStream out, long n) throws IOException {
        byte[] buf = new byte[1 << 16];
        while (n > 0) {
            int k = in.read(buf, 0, (int) Math.min(buf.length, n));
            if (k < 0) {
                throw invalid("the rootfs tar ends inside an entry");
            }
            add(k);
            emit(out, buf, k);
            n -= k;
        }
    }

    private void copyTrailingZeros(InputStream in, OutputStream out) throws IOException {
        byte[] buf = new byte[1 << 16];
        for (int n; (n = in.read(buf)) > 0; ) {
            for (int i = 0; i < n; i++) {
                if (buf[i] != 0) {
                    throw invalid("data after the end-of-archive marker of the rootfs tar");
                }
            }
            add(n);
            emit(out, buf, n);
        }
    }

    private boolean readBlock(InputStream in) throws IOException {
        int n = in.readNBytes(block, 0, TarHeader.BLOCK);
        add(n);
        if (n == 0) {
            return false;
        }
        if (n < TarHeader.BLOCK) {
            throw invalid("the rootfs tar ends inside a header");
        }
        return true;
    }

    private byte[] readExactly(InputStream in, int n) throws IOException {
        byte[] data = in.readNBytes(n);
        add(data.length);
        if (data.length != n) {
            throw invalid("the rootfs tar ends inside an extended header");
        }
        return data;
    }

    private void add(long n) {
        count += n;
        if (count > limit) {
            throw invalid("the rootfs tar is larger than the " + limit + " bytes its metadata states");
        }
    }

    private static void emit(OutputStream out, byte[] b, int len) throws IOException {
        if (out != null) {
            out.write(b, 0, len);
        }
    }

    private static String once(String previous, String value, String what) {
        if (previous != null) {
            throw invalid("two " + what + " headers precede one entry");
        }
        return value;
    }

    private static long size(long size) {
        if (size < 0) {
            throw invalid("negative entry size");
        }
        return size;
    }

    private static long paxSize(String value) {
        try {
            return size(Long.parseLong(value));
        } catch (NumberFormatException e) {
            throw invalid("pax size '" + value + "' is not a number");
        }
    }

    private static TemplateException unsafe(String why) {
        return new TemplateException(TemplateException.UNSAFE_ENTRY, "the rootfs is refused: " + why);
    }

    static TemplateException invalid(String why) {
        return new TemplateException(TemplateException.INVALID_ARCHIVE, "the rootfs tar is malformed: " + why);
    }
}
