package io.peeros.container.lxc.internal.quota;

import static org.junit.Assert.assertEquals;
import static org.junit.Assume.assumeTrue;

import io.peeros.container.api.ContainerException;
import io.peeros.container.api.ExecRequest;
import io.peeros.container.api.ExecResult;
import io.peeros.container.lxc.internal.LxcTestSupport;
import io.peeros.container.lxc.internal.cgroup.CgroupMounts;
import io.peeros.container.lxc.internal.cgroup.ContainerCgroup;
import io.peeros.container.lxc.internal.metrics.LxcMetricsService;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Rule;
import org.junit.rules.Timeout;

/**
 * Base of the quota and metrics tests on real LXC (as root): the LXC path of {@link LxcTestSupport} gets a
 * btrfs file system on a loop image (what disk limits need), and a quota and a metrics service run on it.
 * Container names are {@code tq-<run>-<n>-<purpose>}; {@link LxcTestSupport} destroys every container
 * after each test, and the pool is unmounted after the class, pass or fail.
 */
public abstract class QuotaTestSupport extends LxcTestSupport {

    protected static final long MIB = 1L << 20;

    protected static LxcQuotaService quotas;
    protected static LxcMetricsService metrics;
    protected static CgroupMounts mounts;
    private static Path pool;
    private static String run;
    private static int counter;

    @Rule
    public final Timeout timeout = Timeout.seconds(180);

    @BeforeClass
    public static void setUpPool() throws Exception {
        assumeTrue("mkfs.btrfs not found: apt-get install btrfs-progs", Files.isExecutable(Path.of("/usr/sbin/mkfs.btrfs"))
                || Files.isExecutable(Path.of("/sbin/mkfs.btrfs")));
        run = Long.toString(new Random().nextInt(36 * 36 * 36), 36);
        pool = work.resolve("pool.img");
        HostCommand.check("truncate", "-s", "3G", pool.toString());
        HostCommand.check("mkfs.btrfs", "-q", "-f", pool.toString());
        Files.createDirectories(lxcPath);
        HostCommand.check("mount", "-o", "loop", pool.toString(), lxcPath.toString());
        mounts = CgroupMounts.read();
        quotas = newQuotaService(Map.of());
        metrics = new LxcMetricsService(manager, Configs.of(LxcMetricsService.Config.class,
                Map.of("lxcPath", lxcPath.toString(), "diskScanSeconds", 0)));
    }

    /** A quota service on this class's LXC path, checking network limits every second, with {@code overrides}. */
    protected static LxcQuotaService newQuotaService(Map<String, Object> overrides) throws IOException {
        Map<String, Object> config = new HashMap<>(Map.of("lxcPath", lxcPath.toString(), "networkCheckSeconds", 1));
        config.putAll(overrides);
        return new LxcQuotaService(manager, Configs.of(LxcQuotaService.Config.class, config));
    }

    @AfterClass
    public static void tearDownPool() throws Exception {
        if (quotas != null) {
            quotas.deactivate();
            quotas = null;
        }
        if (pool != null) {
            destroyEverything();
            HostCommand.Result r = HostCommand.run(30_000, List.of("umount", lxcPath.toString()));
            if (r.exitCode() != 0) {
                LOG.warn("umount {}: {}; detaching it lazily", lxcPath, r.output());
                HostCommand.run(30_000, List.of("umount", "-l", lxcPath.toString()));
            }
            pool = null;
        }
    }

    private static void destroyEverything() throws IOException {
        for (Path dir : containerDirs()) {
            try {
                manager.destroy(dir.getFileName().toString());
            } catch (RuntimeException e) {
                LOG.warn("cleanup of {}: {}", dir, e.getMessage());
            }
        }
    }

    /** A name unique to this run: {@code tq-<run>-<n>-<purpose>}. */
    protected static String tq(String purpose) {
        return "tq-" + run + "-" + (++counter) + "-" + purpose;
    }

    /** Creates a container from the busybox template, optionally with a quota, starts it, waits for exec. */
    protected static int startWith(String name, io.peeros.container.api.Quota quota) {
        manager.create(name, busybox);
        if (quota != null) {
            quotas.setQuota(name, quota);
        }
        int pid = manager.start(name).pid();
        untilExecAnswers(name);
        return pid;
    }

    protected static ExecResult sh(String name, String script, Duration timeout) {
        return manager.exec(name, ExecRequest.of("sh", "-c", script).withTimeout(timeout));
    }

    /** The container's cgroup as the services find it. */
    protected static ContainerCgroup cgroup(String name) throws IOException {
        return ContainerCgroup.of(mounts, name, manager.info(name).pid());
    }

    /** The cgroup file that carries {@code v2} on cgroup v2 and {@code v1} on a v1 host. */
    protected static String file(String v2, String v1) {
        return mounts.isUnified() ? v2 : v1;
    }

    protected static String config(String name) throws IOException {
        return Files.readString(lxcPath.resolve(name).resolve("config"));
    }

    protected static ContainerException expect(String code, Runnable r) {
        try {
            r.run();
        } catch (ContainerException e) {
            assertEquals(e.getMessage(), code, e.code());
            return e;
        }
        throw new AssertionError("expected " + code);
    }
}
