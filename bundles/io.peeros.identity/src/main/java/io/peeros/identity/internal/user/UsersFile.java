package io.peeros.identity.internal.user;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.peeros.identity.internal.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * {@code users.json}: the users and the last password version handed out.
 *
 * @param version format version
 * @param sequence the last password version used
 * @param users the users
 */
record UsersFile(int version, long sequence, List<UserRecord> users) {

    static final String NAME = "users.json";
    private static final ObjectMapper JSON = new ObjectMapper()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    UsersFile {
        users = List.copyOf(users);
    }

    static Optional<UsersFile> load(Path dir) throws IOException {
        Path file = dir.resolve(NAME);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        return Optional.of(JSON.readValue(file.toFile(), UsersFile.class));
    }

    void save(Path dir) throws IOException {
        AtomicFiles.write(dir.resolve(NAME), JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(this));
    }
}
