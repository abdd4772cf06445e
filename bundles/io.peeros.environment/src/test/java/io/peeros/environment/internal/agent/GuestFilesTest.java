package io.peeros.environment.internal.agent;

import static org.junit.Assert.assertEquals;

import io.peeros.container.api.ExecRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** The commands that write files in containers, run by this machine's /bin/sh: what arrives is what was meant. */
public class GuestFilesTest {

    private static final List<String> NASTY = List.of("plain", "it's $HOME and `id` and $(id)", "100% %s %d \\n",
            "\"quoted\"", "-n", "");

    @Rule
    public TemporaryFolder folder = new TemporaryFolder();

    @Test
    public void linesArriveVerbatimWithTheirMode() throws Exception {
        Path file = folder.getRoot().toPath().resolve("root/.ssh/authorized_keys");

        run(GuestFiles.writeLines(file.toString(), NASTY, "600"));

        assertEquals(String.join("\n", NASTY) + "\n", Files.readString(file, StandardCharsets.UTF_8));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    }

    @Test
    public void contentArrivesVerbatim() throws Exception {
        Path file = folder.getRoot().toPath().resolve("etc/app.conf");
        String content = String.join("\n", NASTY) + "\nno newline at the end";

        run(GuestFiles.writeContent(file.toString(), content, 0640));

        assertEquals(content, Files.readString(file, StandardCharsets.UTF_8));
        assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    }

    @Test
    public void theHostsTableHasLocalhostAndEveryHostSorted() {
        assertEquals(List.of("127.0.0.1\tlocalhost", "::1\tlocalhost ip6-localhost ip6-loopback",
                "10.200.7.11\tdb", "10.200.7.10\tweb"), GuestFiles.hostsLines(Map.of("web", "10.200.7.10", "db",
                "10.200.7.11")));
    }

    private static void run(ExecRequest request) throws Exception {
        Process p = new ProcessBuilder(request.command()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(out, 0, p.waitFor());
    }
}
