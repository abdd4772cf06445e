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

    @Test
    public void oneCommandWritesTheHostsTheAuthorizedKeysAndTheKeyPair() throws Exception {
        Path root = folder.getRoot().toPath();
        List<String> hosts = GuestFiles.hostsLines(Map.of("web", "10.200.7.10"));
        ExecRequest write = GuestFiles.configure(hosts, List.of("ssh-ed25519 AAAA one", "ssh-ed25519 BBBB two"),
                "/root/.ssh/id_ed25519", "-----PRIVATE-----\n$(id) `x`\n", "ssh-ed25519 CCCC env");
        List<String> argv = new java.util.ArrayList<>(write.command());
        argv.set(3, root + "/");

        run(new ExecRequest(argv, write.environment(), null, null, write.timeout()));

        assertEquals(String.join("\n", hosts) + "\n", Files.readString(root.resolve("etc/hosts")));
        assertEquals("rw-r--r--", mode(root.resolve("etc/hosts")));
        assertEquals("ssh-ed25519 AAAA one\nssh-ed25519 BBBB two\n",
                Files.readString(root.resolve("root/.ssh/authorized_keys")));
        assertEquals("rw-------", mode(root.resolve("root/.ssh/authorized_keys")));
        assertEquals("-----PRIVATE-----\n$(id) `x`\n", Files.readString(root.resolve("root/.ssh/id_ed25519")));
        assertEquals("rw-------", mode(root.resolve("root/.ssh/id_ed25519")));
        assertEquals("ssh-ed25519 CCCC env\n", Files.readString(root.resolve("root/.ssh/id_ed25519.pub")));
        assertEquals("rwx------", mode(root.resolve("root/.ssh")));
        assertEquals(List.of("etc", "root"), Files.list(root).map(f -> f.getFileName().toString()).sorted().toList());
    }

    @Test
    public void withoutKeysOnlyTheHostsAreWritten() throws Exception {
        Path root = folder.getRoot().toPath();
        ExecRequest write = GuestFiles.configure(List.of("127.0.0.1\tlocalhost"), List.of(), null, null, null);
        List<String> argv = new java.util.ArrayList<>(write.command());
        argv.set(3, root + "/");
        run(new ExecRequest(argv, write.environment(), null, null, write.timeout()));
        assertEquals("127.0.0.1\tlocalhost\n", Files.readString(root.resolve("etc/hosts")));
        assertEquals(List.of("etc"), Files.list(root).map(f -> f.getFileName().toString()).toList());
    }

    private static String mode(Path file) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(file));
    }

    private static void run(ExecRequest request) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(request.command()).redirectErrorStream(true);
        builder.environment().putAll(request.environment());
        Process p = builder.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(out, 0, p.waitFor());
    }
}
