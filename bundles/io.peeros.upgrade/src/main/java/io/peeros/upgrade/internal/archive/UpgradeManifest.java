package io.peeros.upgrade.internal.archive;

import io.peeros.upgrade.api.UpgradeException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The signed list of an archive's contents: the PeerOS version it holds, the key that signed it, and every other
 * entry's SHA-256 and size. A line format, parsed strictly, so that the signed bytes are exactly what is read:
 *
 * <pre>
 * PeerOS-Upgrade-Manifest: 1
 * Version: 0.2.0
 * Publisher: &lt;key id, 64 hex&gt;
 * Created: 2026-11-21T17:00:00Z
 * Entry: &lt;sha256 hex&gt; &lt;size&gt; &lt;path&gt;
 * </pre>
 *
 * @param version the PeerOS version (Maven form, e.g. {@code 0.2.0})
 * @param publisher the signing key's id
 * @param created when the archive was built
 * @param entries every entry but the manifest and its signature, by path
 */
public record UpgradeManifest(String version, String publisher, Instant created, Map<String, Entry> entries) {

    /** One listed entry. */
    public record Entry(String sha256, long size) {
    }

    private static final String MAGIC = "PeerOS-Upgrade-Manifest: 1";
    private static final Pattern VERSION = Pattern.compile("[0-9]+(\\.[0-9]+){0,2}([-.][A-Za-z0-9_-]+)?");
    private static final Pattern KEY_ID = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern ENTRY = Pattern.compile("Entry: ([0-9a-f]{64}) ([0-9]{1,15}) (\\S+)");

    public UpgradeManifest {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(publisher, "publisher");
        Objects.requireNonNull(created, "created");
        entries = Collections.unmodifiableMap(new TreeMap<>(entries));
    }

    /** The manifest's bytes, entries sorted by path: what the publisher signs. */
    public byte[] render() {
        StringBuilder text = new StringBuilder(MAGIC).append('\n');
        text.append("Version: ").append(version).append('\n');
        text.append("Publisher: ").append(publisher).append('\n');
        text.append("Created: ").append(created).append('\n');
        entries.forEach((path, e) -> text.append("Entry: ").append(e.sha256()).append(' ').append(e.size())
                .append(' ').append(path).append('\n'));
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Parses the manifest; anything not exactly in the format is refused as {@code ARCHIVE_INVALID}. */
    public static UpgradeManifest parse(byte[] bytes) {
        String[] lines = new String(bytes, StandardCharsets.UTF_8).split("\n", -1);
        if (lines.length < 5 || !lines[0].equals(MAGIC) || !lines[lines.length - 1].isEmpty()) {
            throw invalid("does not start with '" + MAGIC + "' or does not end with a new line");
        }
        String version = field(lines[1], "Version");
        if (!VERSION.matcher(version).matches()) {
            throw invalid("version '" + version + "' is not a version like 1.2.3 or 1.2.3-SNAPSHOT");
        }
        String publisher = field(lines[2], "Publisher");
        if (!KEY_ID.matcher(publisher).matches()) {
            throw invalid("publisher '" + publisher + "' is not a key id (64 lower-case hex digits)");
        }
        Instant created;
        try {
            created = Instant.parse(field(lines[3], "Created"));
        } catch (DateTimeParseException e) {
            throw invalid("line 4: 'Created' is not an ISO-8601 instant");
        }
        Map<String, Entry> entries = new TreeMap<>();
        for (int i = 4; i < lines.length - 1; i++) {
            Matcher m = ENTRY.matcher(lines[i]);
            if (!m.matches()) {
                throw invalid("line " + (i + 1) + " is not 'Entry: <sha256> <size> <path>'");
            }
            String path = m.group(3);
            if (!ArchiveLayout.isSafe(path)) {
                throw new UpgradeException(UpgradeException.ARCHIVE_INVALID, "the manifest lists entry '" + path
                        + "', a path that would leave the extraction directory (zip-slip) or has unsafe characters");
            }
            if (entries.put(path, new Entry(m.group(1), Long.parseLong(m.group(2)))) != null) {
                throw invalid("entry '" + path + "' is listed twice");
            }
        }
        return new UpgradeManifest(version, publisher, created, entries);
    }

    private static String field(String line, String name) {
        String prefix = name + ": ";
        if (!line.startsWith(prefix)) {
            throw invalid("expected '" + prefix + "...' but found '" + line + "'");
        }
        return line.substring(prefix.length());
    }

    private static UpgradeException invalid(String what) {
        return new UpgradeException(UpgradeException.ARCHIVE_INVALID, "the archive's manifest is malformed: " + what);
    }
}
