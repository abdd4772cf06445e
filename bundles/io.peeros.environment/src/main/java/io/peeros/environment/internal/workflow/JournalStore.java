package io.peeros.environment.internal.workflow;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.peeros.environment.internal.agent.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The journals of the environments this peer built: {@code <id>.json} each, written atomically. */
final class JournalStore {

    private static final Logger LOG = LoggerFactory.getLogger(JournalStore.class);

    private final Path directory;
    private final ObjectMapper mapper = P2pJson.mapper().enable(SerializationFeature.INDENT_OUTPUT);

    JournalStore(Path directory) {
        this.directory = directory;
    }

    void save(Journal journal) {
        try {
            AtomicFiles.write(directory.resolve(journal.id() + ".json"), mapper.writeValueAsBytes(journal));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void delete(String id) {
        AtomicFiles.delete(directory.resolve(id + ".json"));
    }

    List<Journal> load() {
        List<Journal> all = new ArrayList<>();
        if (!Files.isDirectory(directory)) {
            return all;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, "*.json")) {
            for (Path file : files) {
                try {
                    all.add(mapper.readValue(file.toFile(), Journal.class));
                } catch (IOException | RuntimeException e) {
                    LOG.error("Ignoring the unreadable environment journal {}: {}", file, e.getMessage());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + directory, e);
        }
        return all;
    }
}
