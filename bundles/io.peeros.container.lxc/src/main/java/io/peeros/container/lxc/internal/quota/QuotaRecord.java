package io.peeros.container.lxc.internal.quota;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Properties;

/**
 * The limits LXC's config has no key for, kept in {@code <container>/peeros-quota.properties}: the disk limit
 * (with the id of the btrfs subvolume that carries it) and the network rate. A clone does not inherit this
 * file ({@code lxc-copy} copies only LXC's config), which matches what it inherits: a new overlay layer
 * without a disk limit, and a new veth.
 *
 * @param diskBytes the disk limit, or null
 * @param subvolumeId the btrfs subvolume holding the container's own files, or 0 when none
 * @param networkBitsPerSecond the network rate limit, or null
 */
public record QuotaRecord(Long diskBytes, long subvolumeId, Long networkBitsPerSecond) {

    static final String FILE = "peeros-quota.properties";
    static final QuotaRecord NONE = new QuotaRecord(null, 0, null);

    /** The record of the container in {@code dir}; {@link #NONE} when it has none. */
    public static QuotaRecord read(Path dir) throws IOException {
        try {
            return parse(Files.readString(dir.resolve(FILE)));
        } catch (NoSuchFileException e) {
            return NONE;
        }
    }

    static QuotaRecord parse(String content) throws IOException {
        Properties p = new Properties();
        p.load(new StringReader(content));
        return new QuotaRecord(number(p.getProperty("disk.bytes")),
                number(p.getProperty("disk.subvolume")) == null ? 0 : number(p.getProperty("disk.subvolume")),
                number(p.getProperty("network.bitsPerSecond")));
    }

    /** The file content, or null when there is nothing to record. */
    String format() {
        if (equals(NONE)) {
            return null;
        }
        StringBuilder b = new StringBuilder("# written by the PeerOS quota service\n");
        if (diskBytes != null) {
            b.append("disk.bytes=").append(diskBytes).append('\n');
        }
        if (subvolumeId != 0) {
            b.append("disk.subvolume=").append(subvolumeId).append('\n');
        }
        if (networkBitsPerSecond != null) {
            b.append("network.bitsPerSecond=").append(networkBitsPerSecond).append('\n');
        }
        return b.toString();
    }

    /** Writes (or, when there is nothing to record, removes) the record of the container in {@code dir}. */
    void write(Path dir) throws IOException {
        String content = format();
        if (content == null) {
            Files.deleteIfExists(dir.resolve(FILE));
        } else {
            ConfigFile.write(dir.resolve(FILE), content);
        }
    }

    private static Long number(String s) {
        try {
            return s == null ? null : Long.valueOf(s.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
