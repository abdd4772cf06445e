package io.peeros.container.lxc.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** Paths inside a container resolve against its root, links included, never against the host's. */
public class ContainerRootTest {

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    @Test
    public void linksResolveInsideTheContainer() throws Exception {
        // given a container root whose /etc/passwd is an absolute link and /data a relative one
        Path root = tmp.newFolder("root").toPath();
        Files.createDirectories(root.resolve("srv/data"));
        Files.createDirectories(root.resolve("etc"));
        Files.writeString(root.resolve("srv/passwd"), "inside\n");
        Files.createSymbolicLink(root.resolve("etc/passwd"), Path.of("/srv/passwd"));
        Files.createSymbolicLink(root.resolve("data"), Path.of("srv/data"));
        Files.createSymbolicLink(root.resolve("loop"), Path.of("/loop"));
        Files.createSymbolicLink(root.resolve("escape"), Path.of("../../../../../../etc"));
        ContainerRoot container = new ContainerRoot(root);

        // then
        assertEquals(Optional.of(root.resolve("srv/passwd")), container.resolve("/etc/passwd"));
        assertTrue(container.isDirectory("/data"));
        assertTrue(container.isDirectory("/srv/../data/"));
        assertFalse(container.isDirectory("/etc/passwd"));
        assertFalse(container.isDirectory("/nothing"));
        assertEquals(Optional.empty(), container.resolve("/loop"));
        assertEquals("'..' stops at the container root", Optional.of(root.resolve("etc")), container.resolve("/escape"));
    }
}
