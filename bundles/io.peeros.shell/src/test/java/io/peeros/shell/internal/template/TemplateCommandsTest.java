package io.peeros.shell.internal.template;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import io.peeros.container.api.ContainerException;
import io.peeros.shell.internal.Console;
import io.peeros.container.api.testing.FakeTemplateStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** template:list, import, export, build and remove over an in-memory store. */
public class TemplateCommandsTest {

    private static final String NL = System.lineSeparator();

    @Rule
    public final Console console = new Console();

    @Rule
    public final TemporaryFolder folder = new TemporaryFolder();

    private final FakeTemplateStore store = new FakeTemplateStore();

    @Test
    public void listShowsEveryVersion() throws Exception {
        store.with("busybox", "1.0.0").with("debian", "12.0.0");
        ListCommand list = new ListCommand();
        list.templates = store;
        list.clock = Clock.fixed(FakeTemplateStore.CREATED.plusSeconds(3600), ZoneId.of("UTC"));

        console.run(list);

        List<String> rows = console.out().lines().skip(2).map(r -> r.replaceAll("\\s*\\|\\s*", "|").trim())
                .collect(Collectors.toList());
        assertEquals(List.of("busybox|1.0.0|-|amd64|2.9 KiB|1000 B|1h ago|aaaaaaaaaaaa",
                "debian|12.0.0|-|amd64|2.9 KiB|1000 B|1h ago|aaaaaaaaaaaa"), rows);
    }

    @Test
    public void importShowsProgressInPlaceAndTheResult() throws Exception {
        Path archive = folder.newFile("busybox.tar").toPath();
        Files.write(archive, FakeTemplateStore.archive("busybox", "1.1.0", true, 3 << 20));
        ImportCommand command = new ImportCommand();
        command.templates = store;
        command.file = archive.toString();

        console.run(command);

        String out = console.out();
        assertTrue(out, out.contains("\rreading      0%  0 B of 3.0 MiB"));
        // the line is padded over the longer "1013.8 KiB" text it replaces
        assertTrue(out, out.contains("\rreading    100%  3.0 MiB of 3.0 MiB   " + NL));
        assertTrue(out, out.contains(NL + "\runpacking  100%  3.0 MiB of 3.0 MiB" + NL));
        assertTrue(out, out.endsWith("Imported template busybox:1.1.0 (amd64, published by " + "a".repeat(64)
                + ")." + NL));
        assertEquals("", console.err());
        assertEquals("busybox:1.1.0", store.list().get(0).id());
    }

    @Test
    public void importRefusalsKeepTheStoreCodeAndEndTheProgressLine() throws Exception {
        Path archive = folder.newFile("unsigned.tar").toPath();
        Files.write(archive, FakeTemplateStore.archive("busybox", "1.1.0", false, 10));
        ImportCommand command = new ImportCommand();
        command.templates = store;
        command.file = archive.toString();
        console.run(command);
        command.file = folder.getRoot() + "/missing.tar";
        console.run(command);
        command.templates = null;
        console.run(command);

        assertTrue(console.out(), console.out().endsWith(NL));
        assertEquals(List.of("Error: the archive has no signature [UNSIGNED]",
                "Error: there is no file " + folder.getRoot() + "/missing.tar [INVALID_REQUEST]",
                "Error: the template store is not available: is the PeerOS template bundle installed and started?"
                        + " [TEMPLATES_UNAVAILABLE]"), console.err().lines().toList());
    }

    @Test
    public void exportWritesTheArchiveAndRefusesToOverwrite() throws Exception {
        Path file = folder.getRoot().toPath().resolve("web.tar");
        ExportCommand command = new ExportCommand();
        command.templates = store;
        command.container = "web";
        command.name = "web";
        command.version = "1.0.0";
        command.file = file.toString();

        console.run(command);
        console.run(command);
        command.force = true;
        store.exportRefusal = new ContainerException(ContainerException.INVALID_STATE, "container 'web' runs");
        console.run(command);

        assertTrue(Files.size(file) > 2000);
        assertTrue(console.out(), console.out().contains("Exported web as template web:1.0.0 to " + file + "."));
        assertTrue(console.out(), console.out().contains("\rwriting    100%"));
        assertEquals(List.of("Error: " + file + " exists already; give --force to replace it [INVALID_REQUEST]",
                "Error: container 'web' runs [INVALID_STATE]"), console.err().lines().toList());
    }

    @Test
    public void buildThenImport() throws Exception {
        Path dir = folder.newFolder("recipe-out").toPath();
        store.with("busybox", "1.0.0");
        BuildCommand command = new BuildCommand();
        command.templates = store;
        command.directory = dir.toString();
        command.name = "tools";
        command.version = "0.1.0";
        command.parent = "busybox:1.0.0";
        command.file = dir.resolveSibling("tools.tar").toString();
        command.importIt = true;

        console.run(command);

        assertEquals("", console.err());
        assertTrue(console.out(), console.out().contains("\rpacking    100%"));
        assertTrue(console.out(), console.out().contains("Built template tools:0.1.0 into " + command.file + "."
                + NL));
        assertTrue(console.out(), console.out().endsWith("Imported template tools:0.1.0." + NL));
        assertEquals(2, store.list().size());
    }

    @Test
    public void buildRefusesAMissingDirectoryAndAnUnknownParent() throws Exception {
        BuildCommand command = new BuildCommand();
        command.templates = store;
        command.directory = folder.getRoot() + "/nope";
        command.name = "tools";
        command.version = "0.1.0";
        command.file = folder.getRoot() + "/tools.tar";
        console.run(command);
        command.directory = folder.getRoot().toString();
        command.parent = "debian";
        console.run(command);

        assertEquals(List.of("Error: there is no directory " + folder.getRoot() + "/nope [INVALID_REQUEST]",
                "Error: there is no template 'debian' [NOT_FOUND]"), console.err().lines().toList());
    }

    @Test
    public void removeOneVersionOrAllOfThemButNotOneInUse() throws Exception {
        store.with("busybox", "1.0.0").with("busybox", "1.1.0").with("debian", "12.0.0");
        store.inUse.add("debian:12.0.0");
        RemoveCommand command = new RemoveCommand();
        command.templates = store;

        command.template = "busybox:1.0.0";
        console.run(command);
        command.template = "busybox";
        console.run(command);
        command.template = "debian";
        console.run(command);

        assertEquals("Removed template busybox:1.0.0." + NL + "Removed every version of template busybox." + NL,
                console.out());
        assertEquals("Error: containers use template debian:12.0.0 [IN_USE]" + NL, console.err());
        assertEquals(1, store.list().size());
    }
}
