package io.peeros.container.lxc.internal.jna;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;
import static org.junit.Assume.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.Test;

/** Loading liblxc and refusing versions whose struct layout is not known. */
public class LiblxcTest {

    @Test
    public void acceptsOnly5x() throws Exception {
        for (String ok : new String[] {"5.0.2", "5.0.0", "5.0.3~git2024", "5.1"}) {
            Liblxc.checkVersion(ok);
        }
        for (String bad : new String[] {"4.0.12", "6.0.0", "3.0.4", "50.0", "", null, "5"}) {
            try {
                Liblxc.checkVersion(bad);
                fail("accepted " + bad);
            } catch (LxcException e) {
                assertTrue(e.getMessage(), e.getMessage().contains("liblxc 5.x"));
            }
        }
    }

    @Test
    public void loadsTheInstalledLibrary() throws Exception {
        assumeTrue("liblxc1 not installed", Files.exists(Path.of("/usr/lib/x86_64-linux-gnu/liblxc.so.1"))
                || Files.exists(Path.of("/usr/lib/aarch64-linux-gnu/liblxc.so.1")));
        Liblxc lxc = Liblxc.load();
        assertTrue(lxc.version(), lxc.version().startsWith("5."));
        try (LxcContainer c = lxc.open("pt-not-there", "/nonexistent-lxc-path")) {
            assertFalse(c.isDefined());
            assertFalse(c.isRunning());
            assertEquals("STOPPED", c.state());
            assertEquals(-1, c.initPid());
            assertEquals("pt-not-there", c.name());
            c.close();
            c.close();
        }
        for (String known : new String[] {"lxc.include", "lxc.net.0.type", "lxc.net.1.ipv4.address",
            "lxc.cgroup2.memory.max", "lxc.mount.entry", "lxc.signal.halt"}) {
            assertTrue(known, lxc.isConfigKeySupported(known));
        }
        for (String unknown : new String[] {"lxc.no.such.key", "lxc", "foo.bar", "lxc.signal"}) {
            assertFalse(unknown, lxc.isConfigKeySupported(unknown));
        }
    }
}
