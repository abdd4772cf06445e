package io.peeros.vpn.internal.service;

import java.io.IOException;
import java.io.StringReader;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

/**
 * The joined swarms on disk: one {@code <id>.swarm} file each (Java properties: {@code id}, {@code members}
 * comma-separated, {@code subnet}), written to a temporary file, synced and renamed, so a crash leaves either
 * the old or the new record. Nothing secret is stored here: the keys are derived again at each start.
 */
final class SwarmStore {

    private static final String SUFFIX = ".swarm";

    private final Path directory;

    SwarmStore(Path directory) throws IOException {
        this.directory = directory;
        if (!Files.isDirectory(directory)) {
            Files.createDirectories(directory, PosixFilePermissions.asFileAttribute(
                    PosixFilePermissions.fromString("rwx------")));
        }
    }

    Path directory() {
        return directory;
    }

    /** Every readable record; a file that cannot be parsed is reported through {@code problems} and skipped. */
    List<SwarmRecord> load(List<String> problems) throws IOException {
        List<SwarmRecord> records = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, "*" + SUFFIX)) {
            for (Path file : files) {
                try {
                    records.add(parse(file));
                } catch (RuntimeException e) {
                    problems.add(file + ": " + e.getMessage());
                }
            }
        }
        records.sort((a, b) -> a.id().compareTo(b.id()));
        return records;
    }

    private static SwarmRecord parse(Path file) throws IOException {
        Properties p = new Properties();
        p.load(new StringReader(Files.readString(file, StandardCharsets.UTF_8)));
        String id = SwarmNames.checkId(p.getProperty("id"));
        if (!file.getFileName().toString().equals(id + SUFFIX)) {
            throw new IllegalArgumentException("holds swarm '" + id + "', not the one its name says");
        }
        String members = p.getProperty("members", "");
        Set<String> ids = members.isBlank() ? Set.of() : new HashSet<>(Arrays.asList(members.split(",")));
        String subnet = p.getProperty("subnet", "");
        return new SwarmRecord(id, ids, subnet.isEmpty() ? Optional.empty() : Optional.of(Ipv4Cidr.parse(subnet)));
    }

    void save(SwarmRecord record) throws IOException {
        StringBuilder text = new StringBuilder("# PeerOS swarm, written by the VPN service\n");
        text.append("id=").append(record.id()).append('\n');
        text.append("members=").append(String.join(",", new TreeSet<>(record.members()))).append('\n');
        text.append("subnet=").append(record.subnet().map(Object::toString).orElse("")).append('\n');
        Path target = file(record.id());
        Path temp = directory.resolve("." + record.id() + SUFFIX + ".tmp");
        Files.writeString(temp, text, StandardCharsets.UTF_8);
        try (FileChannel c = FileChannel.open(temp, StandardOpenOption.WRITE)) {
            c.force(true);
        }
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
        syncDirectory();
    }

    void delete(String id) throws IOException {
        Files.deleteIfExists(file(id));
        syncDirectory();
    }

    private Path file(String id) {
        return directory.resolve(SwarmNames.checkId(id) + SUFFIX);
    }

    private void syncDirectory() throws IOException {
        try (FileChannel c = FileChannel.open(directory, StandardOpenOption.READ)) {
            c.force(true);
        }
    }
}
