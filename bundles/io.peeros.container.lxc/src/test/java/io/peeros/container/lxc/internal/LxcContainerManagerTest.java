package io.peeros.container.lxc.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import io.peeros.container.api.ContainerException;
import io.peeros.container.api.ContainerInfo;
import io.peeros.container.api.ContainerState;
import io.peeros.container.api.ExecRequest;
import io.peeros.container.api.Template;
import io.peeros.container.lxc.internal.jna.Liblxc;
import io.peeros.container.lxc.internal.jna.LxcContainer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.Test;

/** The container lifecycle on real LXC with the busybox template. */
public class LxcContainerManagerTest extends LxcTestSupport {

    @Test
    public void createCloneStartStopDestroy() throws Exception {
        // given a container created from the template
        String base = name("base");
        String clone = name("clone");
        ContainerInfo created = manager.create(base, busybox);
        assertEquals(ContainerState.STOPPED, created.state());
        assertEquals("busybox", created.template());
        assertNull(created.origin());
        assertEquals(0, created.pid());

        // when it is cloned and the clone started
        ContainerInfo cloned = manager.clone(base, clone);
        assertEquals(base, cloned.origin());
        assertEquals("busybox", cloned.template());
        assertTrue(Files.readString(lxcPath.resolve(clone).resolve("config")).contains("lxc.rootfs.path = overlay:"));
        ContainerInfo started = manager.start(clone);
        untilExecAnswers(clone);

        // then it runs with its own hostname and writes only to its own layer
        assertEquals(ContainerState.RUNNING, started.state());
        assertTrue(Files.isDirectory(Path.of("/proc", Integer.toString(started.pid()))));
        assertEquals(clone + "\n", manager.exec(clone, ExecRequest.of("hostname")).stdout());
        assertEquals(0, manager.exec(clone, ExecRequest.of("sh", "-c", "echo x > /root/mark")).exitCode());
        assertFalse(Files.exists(lxcPath.resolve(base).resolve("rootfs/root/mark")));
        assertEquals(ContainerState.STOPPED, manager.state(base));
        expect(ContainerException.IN_USE, () -> manager.destroy(base));
        expect(ContainerException.INVALID_STATE, () -> manager.clone(clone, name("of-running")));

        // and a clean stop is quick, and destroy removes both
        long t0 = System.nanoTime();
        assertEquals(ContainerState.STOPPED, manager.stop(clone, Duration.ofSeconds(10)).state());
        assertTrue("clean stop took " + ms(System.nanoTime() - t0) + " ms", System.nanoTime() - t0 < 5_000_000_000L);
        manager.destroy(clone);
        manager.destroy(base);
        assertTrue(containerDirs().isEmpty());
        expect(ContainerException.NOT_FOUND, () -> manager.info(base));
    }

    @Test
    public void startAndStopAreIdempotent() throws Exception {
        String n = name("idem");
        manager.create(n, busybox);
        assertEquals(ContainerState.STOPPED, manager.stop(n, null).state());
        int pid = manager.start(n).pid();
        assertEquals(pid, manager.start(n).pid());
        manager.stop(n, null);
        assertEquals(ContainerState.STOPPED, manager.stop(n, null).state());
    }

    @Test
    public void freezeAndUnfreeze() throws Exception {
        String n = name("frz");
        manager.create(n, busybox);
        expect(ContainerException.INVALID_STATE, () -> manager.freeze(n));
        manager.start(n);
        untilExecAnswers(n);

        assertEquals(ContainerState.FROZEN, manager.freeze(n).state());
        assertEquals(ContainerState.FROZEN, manager.state(n));
        expect(ContainerException.INVALID_STATE, () -> manager.exec(n, ExecRequest.of("true")));
        assertEquals(ContainerState.RUNNING, manager.unfreeze(n).state());
        assertEquals(0, manager.exec(n, ExecRequest.of("true")).exitCode());

        manager.freeze(n);
        assertEquals("a frozen container stops", ContainerState.STOPPED, manager.stop(n, Duration.ofSeconds(5)).state());
    }

    @Test
    public void stopIsCleanThenKills() throws Exception {
        // an init that ignores the halt signal: SIGUSR2 has no handler, so the kernel drops it for a PID 1
        Template deaf = BusyboxTemplate.build(work.resolve("templates/deaf-" + name("t")), "busybox-deaf",
                "lxc.signal.halt = SIGUSR2\n");
        String n = name("deaf");
        manager.create(n, deaf);
        manager.start(n);
        untilExecAnswers(n);

        long t0 = System.nanoTime();
        assertEquals(ContainerState.STOPPED, manager.stop(n, Duration.ofSeconds(1)).state());
        long took = System.nanoTime() - t0;
        LOG.info("timing stop-after-timeout(1s) {} ms", String.format("%.1f", ms(took)));
        assertTrue("waited the timeout: " + ms(took), took >= 900_000_000L);
        assertTrue("then killed: " + ms(took), took < 8_000_000_000L);

        manager.start(n);
        t0 = System.nanoTime();
        assertEquals(ContainerState.STOPPED, manager.stop(n, Duration.ZERO).state());
        assertTrue("zero timeout kills at once", System.nanoTime() - t0 < 2_000_000_000L);
    }

    @Test
    public void restartGivesANewInit() throws Exception {
        String n = name("rst");
        manager.create(n, busybox);
        int before = manager.start(n).pid();
        ContainerInfo after = manager.restart(n);
        assertEquals(ContainerState.RUNNING, after.state());
        assertNotEquals(before, after.pid());
        untilExecAnswers(n);
        assertFalse(Files.exists(Path.of("/proc", Integer.toString(before))));
    }

    @Test
    public void destroyOfARunningContainerLeavesNothing() throws Exception {
        String n = name("gone");
        manager.create(n, busybox);
        int pid = manager.start(n).pid();
        untilExecAnswers(n);

        manager.destroy(n);

        assertFalse(Files.exists(lxcPath.resolve(n)));
        await("init " + pid + " is gone", Duration.ofSeconds(5), () -> !Files.exists(Path.of("/proc/" + pid)));
        assertTrue("processes left: " + processesMentioning(n), processesMentioning(n).isEmpty());
        assertTrue(manager.list().stream().noneMatch(i -> i.name().equals(n)));
        expect(ContainerException.NOT_FOUND, () -> manager.state(n));
        expect(ContainerException.NOT_FOUND, () -> manager.destroy(n));
    }

    @Test
    public void listShowsEveryContainerWithItsState() throws Exception {
        String a = name("a");
        String b = name("b");
        manager.create(a, busybox);
        manager.clone(a, b);
        manager.start(b);
        List<ContainerInfo> all = manager.list();
        assertEquals(List.of(a, b), all.stream().map(ContainerInfo::name).toList());
        assertEquals(ContainerState.STOPPED, all.get(0).state());
        assertEquals(ContainerState.RUNNING, all.get(1).state());
        assertTrue(all.get(1).pid() > 0);
    }

    @Test
    public void cgroupAndConfigThroughLiblxc() throws Exception {
        String n = name("cg");
        manager.create(n, busybox);
        manager.start(n);
        untilExecAnswers(n);
        try (LxcContainer c = Liblxc.load().open(n, lxcPath.toString())) {
            assertEquals(n, c.configItem("lxc.uts.name"));
            assertNull(c.configItem("lxc.no.such.key"));
            assertTrue(Integer.parseInt(c.cgroupItem("pids.current").strip()) >= 1);
            c.setCgroupItem("pids.max", "64");
            assertEquals("64", c.cgroupItem("pids.max").strip());
        }
    }

    /** Processes whose command line names the container: its monitor, its init, anything attached. */
    static List<String> processesMentioning(String name) {
        return ProcessHandle.allProcesses().map(p -> p.info().commandLine().orElse(""))
                .filter(c -> c.contains(lxcPath.toString()) && c.contains(name)).toList();
    }

    static void expect(String code, Runnable r) {
        try {
            r.run();
            fail("expected " + code);
        } catch (ContainerException e) {
            assertEquals(e.getMessage(), code, e.code());
        }
    }
}
