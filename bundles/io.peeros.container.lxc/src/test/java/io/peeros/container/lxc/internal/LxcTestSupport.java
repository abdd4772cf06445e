package io.peeros.container.lxc.internal;

import static org.junit.Assume.assumeTrue;

import io.peeros.container.api.ContainerException;
import io.peeros.container.api.ExecRequest;
import io.peeros.container.api.Template;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.junit.After;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Base of the tests that run real LXC containers (as root): one private LXC path and busybox template per
 * test class under /var/tmp, unique {@code pt-} names, and every container destroyed after each test,
 * pass or fail.
 */
public abstract class LxcTestSupport {

    protected static final Logger LOG = LoggerFactory.getLogger("io.peeros.container.lxc.test");

    protected static Path work;
    protected static Path lxcPath;
    protected static Template busybox;
    protected static LxcContainerManager manager;
    private static String run;
    private static int counter;

    @BeforeClass
    public static void setUpLxc() throws Exception {
        assumeTrue("these tests run real LXC containers and need root", "root".equals(System.getProperty("user.name")));
        assumeTrue("lxc-start not found: apt-get install lxc", Files.isExecutable(Path.of("/usr/bin/lxc-start")));
        assumeTrue("/bin/busybox not found: apt-get install busybox-static", Files.isExecutable(BusyboxTemplate.BUSYBOX));
        run = Long.toString(new Random().nextInt(36 * 36 * 36), 36);
        work = Files.createTempDirectory(Path.of("/var/tmp"), "peeros-lxc-test-");
        lxcPath = work.resolve("lxc");
        busybox = BusyboxTemplate.build(work.resolve("templates/busybox"), "busybox", "");
        manager = newManager(Map.of());
    }

    /** A manager on this class's LXC path with {@code overrides} on top of the defaults. */
    protected static LxcContainerManager newManager(Map<String, Object> overrides) throws Exception {
        Map<String, Object> config = new java.util.HashMap<>(overrides);
        config.put("lxcPath", lxcPath.toString());
        return new LxcContainerManager(TestConfig.of(config));
    }

    /** A name unique to this run: {@code pt-<run>-<n>-<purpose>}. */
    protected static String name(String purpose) {
        return "pt-" + run + "-" + (++counter) + "-" + purpose;
    }

    /** Waits until exec answers (the container's userland is up); returns the time it took. */
    protected static long untilExecAnswers(String name) {
        long t0 = System.nanoTime();
        await("exec answers in " + name, Duration.ofSeconds(10), () -> {
            try {
                return manager.exec(name, ExecRequest.of("true")).exitCode() == 0;
            } catch (ContainerException e) {
                return false;
            }
        });
        return System.nanoTime() - t0;
    }

    protected static void await(String what, Duration limit, BooleanSupplier condition) {
        long until = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > until) {
                throw new AssertionError("timed out after " + limit + " waiting until " + what);
            }
            try {
                TimeUnit.MILLISECONDS.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting until " + what);
            }
        }
    }

    protected static double ms(long nanos) {
        return nanos / 1e6;
    }

    @After
    public void destroyAll() throws Exception {
        if (manager == null) {
            return;
        }
        for (int pass = 0; pass < 5 && !containerDirs().isEmpty(); pass++) {
            for (Path dir : containerDirs()) {
                String n = dir.getFileName().toString();
                try {
                    manager.destroy(n);
                } catch (RuntimeException e) {
                    LOG.debug("cleanup pass {}: {}", pass, e.getMessage());
                }
            }
        }
        for (Path dir : containerDirs()) {
            String n = dir.getFileName().toString();
            LOG.warn("forcing cleanup of {}", n);
            quiet("lxc-stop", "-k", "-n", n, "-P", lxcPath.toString());
            quiet("lxc-destroy", "-n", n, "-P", lxcPath.toString());
        }
    }

    @AfterClass
    public static void removeWork() throws IOException {
        if (manager != null) {
            manager.deactivate();
        }
        if (work != null && work.getFileName().toString().startsWith("peeros-lxc-test-")) {
            try (Stream<Path> all = Files.walk(work)) {
                for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
        manager = null;
        work = null;
    }

    protected static List<Path> containerDirs() throws IOException {
        if (!Files.isDirectory(lxcPath)) {
            return List.of();
        }
        try (Stream<Path> dirs = Files.list(lxcPath)) {
            return dirs.filter(Files::isDirectory).toList();
        }
    }

    private static void quiet(String... argv) {
        try {
            new ProcessBuilder(argv).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start().waitFor(30, TimeUnit.SECONDS);
        } catch (IOException e) {
            LOG.warn("{} failed: {}", argv[0], e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
