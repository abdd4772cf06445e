package io.peeros.container.lxc.internal;

import io.peeros.container.api.Template;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The files of the containers under the LXC path: {@code <name>/config} (LXC's), {@code <name>/rootfs},
 * {@code <name>/lxc_snapshots} (LXC's list of overlay clones), {@code <name>/peeros.properties} (what
 * LXC does not record: template, origin, creation time) and {@code <name>/peeros.autostart} (present while
 * the container should run: started through the peer and not stopped through it since).
 */
final class ContainerFiles {

    /** What the peer records about a container beside LXC's own config. */
    record Metadata(String template, String origin, Instant created) {
    }

    private static final Set<String> OWNED_KEYS = Set.of("lxc.rootfs.path", "lxc.rootfs", "lxc.uts.name",
            "lxc.utsname");
    private static final long MAX_FRAGMENT = 64 * 1024;
    private static final String METADATA = "peeros.properties";
    private static final String AUTOSTART = "peeros.autostart";
    private static final String NET_PREFIX = "lxc.net.";

    private final Path lxcPath;

    ContainerFiles(Path lxcPath) {
        this.lxcPath = lxcPath;
    }

    Path dir(String name) {
        return lxcPath.resolve(name);
    }

    /** Names of the directories that hold an LXC config and follow the naming rule, sorted. */
    List<String> names() throws IOException {
        if (!Files.isDirectory(lxcPath)) {
            return List.of();
        }
        try (Stream<Path> dirs = Files.list(lxcPath)) {
            return dirs.filter(d -> Files.isRegularFile(d.resolve("config")))
                    .map(d -> d.getFileName().toString()).filter(ContainerNames::isValid).sorted().toList();
        }
    }

    /**
     * Writes the config of a new container: the template's fragment, then the keys the manager owns. When
     * {@code network} is not empty the peer owns the network too: the fragment's {@code lxc.net.*} lines are
     * left out and {@code network} is written instead.
     */
    void writeConfig(String name, Template template, Predicate<String> knownKey, List<String> network)
            throws IOException {
        StringBuilder config = new StringBuilder("# PeerOS container ").append(name).append(", template ")
                .append(template.name()).append(". The peer owns lxc.uts.name and lxc.rootfs.path")
                .append(network.isEmpty() ? "" : " and lxc.net.*").append(".\n");
        for (String line : fragment(template, knownKey)) {
            if (network.isEmpty() || !key(line).startsWith(NET_PREFIX)) {
                config.append(line).append('\n');
            }
        }
        config.append("lxc.uts.name = ").append(name).append('\n');
        config.append("lxc.rootfs.path = dir:").append(dir(name).resolve("rootfs")).append('\n');
        network.forEach(line -> config.append(line).append('\n'));
        atomicWrite(dir(name).resolve("config"), config.toString());
    }

    /**
     * Records a fresh clone in one durable step: its config with the peer's {@code lxc.net.*} lines instead
     * of those {@code lxc-copy} copied from the source (when {@code network} is not empty; otherwise the config
     * stays as {@code lxc-copy} wrote it) and its {@code peeros.properties}. Both are written beside, forced
     * to disk one after the other (the file system commits the second with little more than its data), renamed
     * into place, and the directory is forced once, so the renames survive a crash too. Returns the clone's
     * {@code lxc.uts.name} as its config sets it.
     */
    String recordClone(String name, List<String> network, Metadata metadata) throws IOException {
        Path dir = dir(name);
        Path config = dir.resolve("config");
        List<String> lines = Files.readAllLines(config);
        String hostname = null;
        StringBuilder rewritten = network.isEmpty() ? null : new StringBuilder();
        for (String line : lines) {
            String k = key(line);
            if (k.equals("lxc.uts.name") || k.equals("lxc.utsname")) {
                hostname = line.substring(line.indexOf('=') + 1).strip();
            }
            if (rewritten != null && !k.startsWith(NET_PREFIX)) {
                rewritten.append(line).append('\n');
            }
        }
        List<Path> written = new ArrayList<>(2);
        try {
            if (rewritten != null) {
                network.forEach(line -> rewritten.append(line).append('\n'));
                written.add(writeBeside(config, rewritten.toString()));
            }
            written.add(writeBeside(dir.resolve(METADATA), metadata(metadata)));
            for (Path tmp : written) {
                try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                    ch.force(true);
                }
            }
            for (Path tmp : written) {
                String f = tmp.getFileName().toString();
                Files.move(tmp, tmp.resolveSibling(f.substring(0, f.length() - ".tmp".length())),
                        StandardCopyOption.ATOMIC_MOVE);
            }
            written.clear();
            try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
                d.force(true);
            }
        } finally {
            for (Path tmp : written) {
                Files.deleteIfExists(tmp);
            }
        }
        return hostname;
    }

    /** Writes {@code content} to {@code file}.tmp, not yet forced; returns that path. */
    private static Path writeBeside(Path file, String content) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE)) {
            ByteBuffer b = ByteBuffer.wrap(content.getBytes(StandardCharsets.UTF_8));
            while (b.hasRemaining()) {
                ch.write(b);
            }
        }
        return tmp;
    }

    /** Replaces the container's {@code lxc.net.*} lines with {@code network}. */
    void replaceNetwork(String name, List<String> network) throws IOException {
        replaceKeys(name, k -> k.startsWith(NET_PREFIX), network);
    }

    /** Rewrites the config without the lines whose key {@code drop} matches, with {@code add} at the end. */
    void replaceKeys(String name, Predicate<String> drop, List<String> add) throws IOException {
        Path file = dir(name).resolve("config");
        StringBuilder config = new StringBuilder();
        for (String line : Files.readAllLines(file)) {
            if (!drop.test(key(line))) {
                config.append(line).append('\n');
            }
        }
        add.forEach(line -> config.append(line).append('\n'));
        atomicWrite(file, config.toString());
    }

    /**
     * The value of {@code key} as written in the container's own config file (the last line wins, as in
     * LXC). liblxc reports {@code lxc.rootfs.path} without its storage type, which is what this is for.
     */
    String configValue(String name, String key) throws IOException {
        String value = null;
        for (String line : Files.readAllLines(dir(name).resolve("config"))) {
            if (key(line).equals(key)) {
                value = line.substring(line.indexOf('=') + 1).strip();
            }
        }
        return value;
    }

    /** The lines of the container's config file. */
    List<String> configLines(String name) throws IOException {
        return Files.readAllLines(dir(name).resolve("config"));
    }

    /** Puts back the config file as {@code lines}, e.g. as {@link #configLines} read it before a change. */
    void restoreConfig(String name, List<String> lines) throws IOException {
        atomicWrite(dir(name).resolve("config"), lines.stream().map(l -> l + "\n").collect(Collectors.joining()));
    }

    /** The key of a config line, or "" for comments and blank lines. */
    static String key(String line) {
        String t = line.strip();
        if (t.isEmpty() || t.startsWith("#")) {
            return "";
        }
        int eq = t.indexOf('=');
        return eq > 0 ? t.substring(0, eq).strip() : t;
    }

    /**
     * Records whether the container should run. An empty file is created or removed: a metadata-only change
     * the file system journals within seconds, cheap enough for every start and stop.
     */
    void setAutostart(String name, boolean run) throws IOException {
        Path marker = dir(name).resolve(AUTOSTART);
        if (run) {
            try {
                Files.createFile(marker);
            } catch (FileAlreadyExistsException e) {
                // already recorded
            }
        } else {
            Files.deleteIfExists(marker);
        }
    }

    boolean autostart(String name) {
        return Files.exists(dir(name).resolve(AUTOSTART));
    }

    private static List<String> fragment(Template template, Predicate<String> knownKey) throws IOException {
        Path file = template.config();
        if (!Files.isRegularFile(file) || Files.size(file) > MAX_FRAGMENT) {
            throw Errors.invalidTemplate(template, "its config must be a file of at most 64 KiB: " + file);
        }
        List<String> lines = Files.readAllLines(file);
        for (String line : lines) {
            String key = key(line);
            if (key.isEmpty()) {
                continue;
            }
            if (OWNED_KEYS.contains(key)) {
                throw Errors.invalidTemplate(template, "its config sets " + key
                        + ", which the peer sets for each container");
            }
            if (!knownKey.test(key)) {
                throw Errors.invalidTemplate(template, "its config has an unknown LXC key: " + key);
            }
        }
        return lines;
    }

    Metadata readMetadata(String name) {
        Properties p = new Properties();
        Instant fallback = Instant.EPOCH;
        try {
            fallback = Files.getLastModifiedTime(dir(name).resolve("config")).toInstant();
            try (var in = Files.newInputStream(dir(name).resolve(METADATA))) {
                p.load(in);
            }
            return new Metadata(p.getProperty("template"), p.getProperty("origin"),
                    Instant.parse(p.getProperty("created")));
        } catch (IOException | RuntimeException e) {
            // Not created by a peer (or the file was damaged): say what LXC's files can tell.
            return new Metadata(null, null, fallback);
        }
    }

    void writeMetadata(String name, Metadata metadata) throws IOException {
        atomicWrite(dir(name).resolve(METADATA), metadata(metadata));
    }

    private static String metadata(Metadata metadata) {
        StringBuilder s = new StringBuilder();
        if (metadata.template() != null) {
            s.append("template=").append(metadata.template()).append('\n');
        }
        if (metadata.origin() != null) {
            s.append("origin=").append(metadata.origin()).append('\n');
        }
        s.append("created=").append(metadata.created()).append('\n');
        return s.toString();
    }

    /** The overlay clones of {@code name} in this LXC path, from the list LXC keeps (path and name lines). */
    List<String> clones(String name) {
        try {
            List<String> lines = Files.readAllLines(dir(name).resolve("lxc_snapshots"));
            List<String> clones = new ArrayList<>();
            for (int i = 0; i + 1 < lines.size(); i += 2) {
                clones.add(lines.get(i + 1).strip());
            }
            return clones;
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The last lines of the container's LXC log, for error messages. */
    String logTail(String name) {
        try {
            List<String> lines = Files.readAllLines(dir(name).resolve("lxc.log"));
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 5), lines.size()));
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    /** Removes what is left of a container directory; used to undo a failed create or clone. */
    void deleteTree(String name) throws IOException {
        Path dir = dir(name);
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private static void atomicWrite(Path file, String content) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.wrap(content.getBytes(StandardCharsets.UTF_8)));
            ch.force(true);
        }
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
    }
}
