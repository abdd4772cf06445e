package io.peeros.identity.internal;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class AtomicFilesTest {

    @Rule
    public TemporaryFolder folder = new TemporaryFolder();

    @Test
    public void writeReplacesContentWithOwnerOnlyFileAndLeavesNoTemporaryFile() throws Exception {
        Path dir = folder.getRoot().toPath();
        Path file = dir.resolve("users.json");
        Files.writeString(file, "old");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

        AtomicFiles.write(file, "new".getBytes(StandardCharsets.UTF_8));

        assertArrayEquals("new".getBytes(StandardCharsets.UTF_8), Files.readAllBytes(file));
        assertEquals("rw-------", FileModes.of(file));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(1, files.count());
        }
    }

    @Test
    public void privateDirectoryIsRestrictedAndLeftoversAreRemoved() throws Exception {
        Path dir = folder.getRoot().toPath().resolve("a/b");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve(".users.json.0a1b2c.tmp"), "half written");
        Files.writeString(dir.resolve("users.json"), "kept");

        AtomicFiles.privateDirectory(dir);
        AtomicFiles.removeLeftovers(dir);

        assertEquals("rwx------", FileModes.of(dir));
        assertFalse(Files.exists(dir.resolve(".users.json.0a1b2c.tmp")));
        assertTrue(Files.exists(dir.resolve("users.json")));
    }
}
