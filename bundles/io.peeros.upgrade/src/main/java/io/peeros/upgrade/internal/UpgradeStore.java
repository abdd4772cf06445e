package io.peeros.upgrade.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import io.peeros.upgrade.api.UpgradeRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The upgrade service's files under {@code ${karaf.data}/peeros/upgrade}: the kept archives, the extracted
 * versions, the history and the pending-upgrade record. Every file is written to a temporary file, synced and
 * renamed over the old one, so a crash leaves the old or the new content, never half of one.
 */
final class UpgradeStore {

    private static final int MAX_HISTORY = 500;

    private final Path dir;
    private final ObjectMapper json;

    UpgradeStore(Path dir) {
        this.dir = dir;
        SimpleModule instants = new SimpleModule();
        instants.addSerializer(Instant.class, ToStringSerializer.instance);
        instants.addDeserializer(Instant.class, new StdDeserializer<>(Instant.class) {
            private static final long serialVersionUID = 1L;

            @Override
            public Instant deserialize(JsonParser p, DeserializationContext ctx) throws IOException {
                return Instant.parse(p.getValueAsString());
            }
        });
        this.json = new ObjectMapper().registerModule(instants).enable(SerializationFeature.INDENT_OUTPUT)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    Path dir() {
        return dir;
    }

    Path archives() {
        return dir.resolve("archives");
    }

    /** The kept archive of {@code version}. */
    Path archive(String version) {
        return archives().resolve("peeros-upgrade-" + version + ".zip");
    }

    /** Where {@code version} is extracted. */
    Path version(String version) {
        return dir.resolve("versions").resolve(version);
    }

    Path spool() throws IOException {
        Path spool = dir.resolve("spool");
        Files.createDirectories(spool);
        return spool;
    }

    synchronized List<UpgradeRecord> history() {
        Path file = dir.resolve("history.json");
        if (!Files.exists(file)) {
            return List.of();
        }
        try {
            return json.readValue(file.toFile(), new TypeReference<List<UpgradeRecord>>() { });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    synchronized void append(UpgradeRecord record) {
        List<UpgradeRecord> all = new ArrayList<>(history());
        all.add(record);
        if (all.size() > MAX_HISTORY) {
            all = all.subList(all.size() - MAX_HISTORY, all.size());
        }
        write(dir.resolve("history.json"), all);
    }

    synchronized Optional<PendingUpgrade> pending() {
        Path file = dir.resolve("pending.json");
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(json.readValue(file.toFile(), PendingUpgrade.class));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    synchronized void savePending(PendingUpgrade pending) {
        write(dir.resolve("pending.json"), pending);
    }

    synchronized void clearPending() {
        try {
            Files.deleteIfExists(dir.resolve("pending.json"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void write(Path file, Object value) {
        try {
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                channel.write(java.nio.ByteBuffer.wrap(json.writeValueAsBytes(value)));
                channel.force(true);
            }
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
