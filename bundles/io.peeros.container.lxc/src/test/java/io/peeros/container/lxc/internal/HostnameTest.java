package io.peeros.container.lxc.internal;

import static io.peeros.container.lxc.internal.LxcContainerManagerTest.expect;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import io.peeros.container.api.ContainerException;
import io.peeros.container.api.ExecRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.Test;

/** The hostname: LXC's lxc.uts.name and the container's /etc/hostname, live when running, at start when not. */
public class HostnameTest extends NetworkTestSupport {

    @Test
    public void aStoppedCloneGetsItsHostnameAtStartAndTheTemplateBelowIsUntouched() throws Exception {
        String base = tn("base");
        String clone = tn("clone");
        net.create(base, busybox);
        net.clone(base, clone);
        assertEquals(clone, net.info(clone).hostname());

        assertEquals("web-1.example", net.setHostname(clone, "web-1.example").hostname());

        String config = Files.readString(lxcPath.resolve(clone).resolve("config"));
        assertTrue(config, config.contains("lxc.uts.name = web-1.example\n"));
        assertEquals("web-1.example\n", Files.readString(lxcPath.resolve(clone).resolve("overlay/delta/etc/hostname")));
        assertEquals("busybox\n", Files.readString(lxcPath.resolve(base).resolve("rootfs/etc/hostname")));
        net.start(clone);
        untilExecAnswers(clone);
        assertEquals("web-1.example\n", net.exec(clone, ExecRequest.of("hostname")).stdout());
        assertEquals("web-1.example\n", net.exec(clone, ExecRequest.of("cat", "/etc/hostname")).stdout());
        assertEquals(0, net.exec(clone, ExecRequest.of("ls", "-ld", "/etc/passwd")).exitCode());
    }

    @Test
    public void aRunningContainerChangesAtOnceAndKeepsItAfterARestart() throws Exception {
        String n = tn("live");
        net.create(n, busybox);
        net.start(n);
        untilExecAnswers(n);

        assertEquals("db", net.setHostname(n, "db").hostname());

        assertEquals("db\n", net.exec(n, ExecRequest.of("hostname")).stdout());
        assertEquals("db\n", net.exec(n, ExecRequest.of("cat", "/etc/hostname")).stdout());
        net.stop(n, Duration.ofSeconds(5));
        net.start(n);
        untilExecAnswers(n);
        assertEquals("db\n", net.exec(n, ExecRequest.of("hostname")).stdout());
        assertEquals("db", net.info(n).hostname());
    }

    @Test
    public void aLinkInTheContainerCannotRedirectTheWriteToAHostFile() throws Exception {
        String n = tn("link");
        net.create(n, busybox);
        Path victim = Files.writeString(work.resolve("victim-" + id), "host file\n");
        Path hostname = lxcPath.resolve(n).resolve("rootfs/etc/hostname");
        Files.delete(hostname);
        Files.createSymbolicLink(hostname, victim);

        net.setHostname(n, "safe");

        assertEquals("host file\n", Files.readString(victim));
        assertFalse(Files.isSymbolicLink(hostname));
        assertEquals("safe\n", Files.readString(hostname));
    }

    @Test
    public void badHostnamesAreRefusedAndNothingChanges() throws Exception {
        String n = tn("bad");
        net.create(n, busybox);
        for (String bad : new String[] {"", "-a", "a-", "A", "a_b", "a..b", ".a", "a.", "a b", "a\nb", "x".repeat(65),
            "x".repeat(64) + "." + "y"}) {
            expect(ContainerException.INVALID_REQUEST, () -> net.setHostname(n, bad));
        }
        expect(ContainerException.INVALID_REQUEST, () -> net.setHostname(n, null));
        expect(ContainerException.NOT_FOUND, () -> net.setHostname(tn("missing"), "ok"));
        assertEquals(n, net.info(n).hostname());
        assertEquals("busybox\n", Files.readString(lxcPath.resolve(n).resolve("rootfs/etc/hostname")));
        assertEquals("a".repeat(62) + ".b", net.setHostname(n, "a".repeat(62) + ".b").hostname());
    }
}
