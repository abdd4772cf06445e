package io.peeros.environment.internal.agent;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.peeros.environment.internal.workflow.P2pJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The hosted records, one JSON file per environment in the state directory, cached in memory. */
final class HostedRecords {

    private static final Logger LOG = LoggerFactory.getLogger(HostedRecords.class);
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");

    private final Path directory;
    private final ObjectMapper mapper = P2pJson.mapper().enable(SerializationFeature.INDENT_OUTPUT);
    private final Map<String, HostedRecord> records = new ConcurrentHashMap<>();

    HostedRecords(Path directory) {
        this.directory = directory;
        load();
    }

    static boolean validId(String id) {
        return id != null && ID.matcher(id).matches();
    }

    Optional<HostedRecord> get(String environmentId) {
        return Optional.ofNullable(records.get(environmentId));
    }

    List<HostedRecord> all() {
        return new ArrayList<>(records.values());
    }

    void put(HostedRecord record) {
        try {
            AtomicFiles.write(file(record.environmentId()), mapper.writeValueAsBytes(record));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        records.put(record.environmentId(), record);
    }

    void remove(String environmentId) {
        AtomicFiles.delete(file(environmentId));
        records.remove(environmentId);
    }

    private Path file(String environmentId) {
        return directory.resolve(environmentId + ".json");
    }

    private void load() {
        if (!Files.isDirectory(directory)) {
            return;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, "*.json")) {
            for (Path file : files) {
                try {
                    HostedRecord record = mapper.readValue(file.toFile(), HostedRecord.class);
                    records.put(record.environmentId(), record);
                } catch (IOException | RuntimeException e) {
                    LOG.error("Ignoring the unreadable environment record {}: {}", file, e.getMessage());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + directory, e);
        }
    }
}
