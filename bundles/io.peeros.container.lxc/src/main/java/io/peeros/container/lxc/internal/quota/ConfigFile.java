package io.peeros.container.lxc.internal.quota;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * A container's LXC config file, edited the way the quota service needs: the lines of the keys it owns are
 * taken out and the new ones appended under one marker comment; every other line stays as it was. Writes
 * go to a temporary file that replaces the config in one rename, so LXC never reads half a file.
 */
final class ConfigFile {

    static final String MARKER = "# PeerOS quota (io.peeros.container.lxc.LxcQuotaService); set with container:quota";

    private ConfigFile() {
    }

    /** Every {@code key = value} of the file; for a key given twice the last value. */
    static Map<String, String> entries(String content) {
        Map<String, String> entries = new LinkedHashMap<>();
        for (String line : content.split("\n")) {
            String key = key(line);
            if (key != null) {
                entries.put(key, line.substring(line.indexOf('=') + 1).strip());
            }
        }
        return entries;
    }

    /** {@code content} without the lines of {@code owned} keys, with {@code entries} appended. */
    static String rewrite(String content, Set<String> owned, Map<String, String> entries) {
        StringBuilder b = new StringBuilder();
        for (String line : content.split("\n", -1)) {
            String key = key(line);
            if ((key != null && owned.contains(key)) || line.strip().equals(MARKER)) {
                continue;
            }
            b.append(line).append('\n');
        }
        while (b.length() > 1 && b.charAt(b.length() - 1) == '\n' && b.charAt(b.length() - 2) == '\n') {
            b.setLength(b.length() - 1);
        }
        if (!entries.isEmpty()) {
            b.append(MARKER).append('\n');
            entries.forEach((k, v) -> b.append(k).append(" = ").append(v).append('\n'));
        }
        return b.toString();
    }

    private static String key(String line) {
        String t = line.strip();
        int eq = t.indexOf('=');
        return t.isEmpty() || t.startsWith("#") || eq <= 0 ? null : t.substring(0, eq).strip();
    }

    static String read(Path file) throws IOException {
        return Files.readString(file, StandardCharsets.UTF_8);
    }

    /** Replaces {@code file} with {@code content} in one rename, keeping its permissions. */
    static void write(Path file, String content) throws IOException {
        Path tmp = file.resolveSibling("." + file.getFileName() + ".quota.tmp");
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.wrap(content.getBytes(StandardCharsets.UTF_8)));
            ch.force(true);
        }
        if (Files.exists(file)) {
            Files.setPosixFilePermissions(tmp, Files.getPosixFilePermissions(file));
        }
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
    }
}
