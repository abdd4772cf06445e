package io.peeros.container.template.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assume.assumeTrue;

import io.peeros.container.api.ContainerState;
import io.peeros.container.api.ExecRequest;
import io.peeros.container.api.ExecResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.BeforeClass;
import org.junit.Test;

/**
 * The Debian 12 template from its recipe (debootstrap from the machine's Debian mirror: minutes) to a
 * container in which systemd boots and stops cleanly. Runs only with {@code -Dpeeros.test.debian=true}.
 */
public class DebianTemplateTest extends TemplateTestSupport {

    @BeforeClass
    public static void onlyWhenAskedFor() {
        assumeTrue("set -Dpeeros.test.debian=true to debootstrap and boot Debian 12 (takes minutes)",
                Boolean.getBoolean("peeros.test.debian"));
        assumeTrue("debootstrap not found: apt-get install debootstrap", Files.isExecutable(Path.of("/usr/sbin/debootstrap")));
    }

    @Test
    public void debianFromRecipeToABootedSystemd() throws Exception {
        // given the recipe's directory, packed, signed and imported
        Path dir = work.resolve("debian-12");
        long t0 = System.nanoTime();
        sh(repo().resolve("lxc-templates/debian-12/build.sh").toString(), dir.toString());
        long recipe = System.nanoTime() - t0;
        TemplateStoreService store = newStore("debian");
        TemplateTimings.measure(LOG, "debian-12", dir, recipe, work, store, 3);

        // when a container is created from it and started
        String c = name("debian");
        t0 = System.nanoTime();
        containers.create(c, store.get("debian-12", null));
        long create = System.nanoTime() - t0;
        t0 = System.nanoTime();
        containers.start(c);
        ExecResult running = untilSystemdAnswers(c);
        long boot = System.nanoTime() - t0;

        // then systemd is up with nothing failed, sshd has its own keys, and a clean stop is quick
        assertEquals(running.stdout() + running.stderr(), "running\n", running.stdout());
        assertEquals("active\n", containers.exec(c, ExecRequest.of("systemctl", "is-active", "ssh")).stdout());
        assertTrue(containers.exec(c, ExecRequest.of("test", "-s", "/etc/ssh/ssh_host_ed25519_key")).exitCode() == 0);
        assertTrue(!Files.exists(store.get("debian-12", null).rootfs().resolve("etc/ssh/ssh_host_ed25519_key")));
        t0 = System.nanoTime();
        assertEquals(ContainerState.STOPPED, containers.stop(c, Duration.ofSeconds(30)).state());
        long stop = System.nanoTime() - t0;
        LOG.info(String.format("TIMINGS debian-12 container: create (cp -a) %.0f ms, start until systemd is running "
                + "%.0f ms, clean stop %.0f ms", create / 1e6, boot / 1e6, stop / 1e6));
        assertTrue("a clean stop took " + stop / 1e6 + " ms", stop < Duration.ofSeconds(10).toNanos());
    }

    /** {@code systemctl is-system-running --wait}, asked again until systemd has opened its socket. */
    private static ExecResult untilSystemdAnswers(String c) throws InterruptedException {
        long until = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (true) {
            ExecResult r = containers.exec(c, ExecRequest.of("systemctl", "is-system-running", "--wait")
                    .withTimeout(Duration.ofSeconds(120)));
            if (!r.stderr().contains("Failed to connect to bus") || System.nanoTime() > until) {
                return r;
            }
            Thread.sleep(50);
        }
    }
}
