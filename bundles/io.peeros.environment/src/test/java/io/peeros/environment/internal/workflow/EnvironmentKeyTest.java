package io.peeros.environment.internal.workflow;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assume.assumeTrue;

import io.peeros.container.api.ExecRequest;
import io.peeros.environment.internal.agent.GuestFiles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** The environment key as OpenSSH sees it: written by the guest command with this machine's sh, read by ssh-keygen. */
public class EnvironmentKeyTest {

    @Rule
    public TemporaryFolder folder = new TemporaryFolder();

    @Test
    public void theKeyPairArrivesWithItsModesAndSshKeygenDerivesThePublicKey() throws Exception {
        // given a fresh key, written as the network step writes it
        EnvironmentKey key = EnvironmentKey.generate("web-abcdef");
        Path file = folder.getRoot().toPath().resolve("root/.ssh/id_ed25519");
        ExecRequest write = GuestFiles.writeKeyPair(file.toString(), key.privateKey(), key.publicKey());

        assertEquals(0, run(write, null).exit);

        // then the files are there with their modes, the private key in no argument of the command
        assertTrue(key.publicKey(), key.publicKey().matches("ssh-ed25519 AAAAC3NzaC1lZDI1NTE5[A-Za-z0-9+/=]+ "
                + "peeros-env-web-abcdef"));
        assertEquals(key.privateKey(), Files.readString(file));
        assertEquals(key.publicKey() + "\n", Files.readString(file.resolveSibling("id_ed25519.pub")));
        assertEquals("rw-------", mode(file));
        assertEquals("rw-r--r--", mode(file.resolveSibling("id_ed25519.pub")));
        assertEquals("rwx------", mode(file.getParent()));
        assertTrue(write.command().stream().noneMatch(a -> a.contains("PRIVATE KEY")));

        // and OpenSSH reads the private key and derives the recorded public key from it
        assumeTrue("ssh-keygen is not installed (.ci/prereqs installs openssh-client)",
                Files.isExecutable(Path.of("/usr/bin/ssh-keygen")));
        Result derived = run(null, List.of("ssh-keygen", "-y", "-f", file.toString()));
        assertEquals(derived.out, 0, derived.exit);
        String[] fields = derived.out.strip().split(" ");
        assertEquals(key.publicKey().substring(0, key.publicKey().lastIndexOf(' ')), fields[0] + " " + fields[1]);
        Result fingerprint = run(null, List.of("ssh-keygen", "-l", "-f", file.resolveSibling("id_ed25519.pub")
                .toString()));
        assertTrue(fingerprint.out, fingerprint.out.contains(" " + key.fingerprint() + " "));
    }

    @Test
    public void everyKeyIsNewAndOnlyItsOwnPrivateHalfMatches() {
        EnvironmentKey one = EnvironmentKey.generate("a-aaaaaa");
        EnvironmentKey two = EnvironmentKey.generate("a-aaaaaa");

        assertNotEquals(one.publicKey(), two.publicKey());
        assertNotEquals(one.privateKey(), two.privateKey());
        assertEquals(one.publicKey(), EnvironmentKey.matching(one.privateKey(), one.publicKey()).orElseThrow()
                .publicKey());
        assertFalse(EnvironmentKey.matching(two.privateKey(), one.publicKey()).isPresent());
        assertFalse(EnvironmentKey.matching("garbage", one.publicKey()).isPresent());
        assertFalse(EnvironmentKey.matching("", one.publicKey()).isPresent());
        assertFalse(one.toString().contains(one.privateKey().split("\n")[1]));
    }

    private record Result(int exit, String out) {
    }

    private static Result run(ExecRequest request, List<String> argv) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(request != null ? request.command() : argv)
                .redirectErrorStream(true);
        if (request != null) {
            builder.environment().putAll(request.environment());
        }
        Process p = builder.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Result(p.waitFor(), out);
    }

    private static String mode(Path path) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }
}
