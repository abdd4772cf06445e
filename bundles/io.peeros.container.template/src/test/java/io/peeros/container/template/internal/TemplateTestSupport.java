package io.peeros.container.template.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;
import static org.junit.Assume.assumeTrue;

import io.peeros.container.api.ContainerException;
import io.peeros.container.lxc.internal.LxcContainerManager;
import io.peeros.identity.internal.peer.PeerIdentityService;
import io.peeros.identity.internal.trust.TrustStore;
import io.peeros.identity.internal.vault.KeyVault;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.After;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Base of the template tests, which run as root against real tools: a private work directory under
 * /var/tmp per test class, the real identity implementation (an EC P-256 key made for the class), a real
 * LXC container manager on a private LXC path, the busybox template built by {@code lxc-templates/busybox},
 * and unique {@code tt-} container names, all destroyed after each test.
 */
public abstract class TemplateTestSupport {

    protected static final Logger LOG = LoggerFactory.getLogger("io.peeros.container.template.test");

    protected static Path work;
    protected static Path lxcPath;
    protected static Path busyboxDir;
    protected static PeerIdentityService identity;
    protected static TrustStore trust;
    protected static LxcContainerManager containers;
    private static String run;
    private static int counter;

    @BeforeClass
    public static void setUpTools() throws Exception {
        assumeTrue("these tests extract root file systems with owners and run LXC: they need root",
                "root".equals(System.getProperty("user.name")));
        for (String tool : List.of("/usr/bin/tar", "/usr/bin/zstd", "/usr/bin/lxc-start", "/bin/busybox", "/usr/bin/unshare")) {
            assumeTrue(tool + " not found (apt-get install tar zstd lxc busybox-static util-linux)",
                    Files.isExecutable(Path.of(tool)));
        }
        run = Long.toString(new Random().nextInt(36 * 36 * 36), 36);
        work = Files.createTempDirectory(Path.of("/var/tmp"), "peeros-template-test-");
        lxcPath = work.resolve("lxc");
        identity = newIdentity(work.resolve("identity"));
        trust = new TrustStore(vault(work.resolve("identity")));
        containers = new LxcContainerManager(Configs.of(LxcContainerManager.Config.class,
                Map.of("lxcPath", lxcPath.toString())));
        busyboxDir = work.resolve("recipes/busybox");
        long t0 = System.nanoTime();
        sh(repo().resolve("lxc-templates/busybox/build.sh").toString(), busyboxDir.toString());
        LOG.info("busybox recipe built in {} ms", ms(System.nanoTime() - t0));
    }

    /** The repository root (for the recipes in lxc-templates/). */
    protected static Path repo() {
        return Path.of(System.getProperty("peeros.repo", "../..")).toAbsolutePath().normalize();
    }

    protected static PeerIdentityService newIdentity(Path dir) {
        return new PeerIdentityService(vault(dir), Configs.of(PeerIdentityService.Config.class, Map.of()));
    }

    private static KeyVault vault(Path dir) {
        return new KeyVault(Configs.of(KeyVault.Config.class, Map.of("stateDir", dir.toString())));
    }

    /** A store in {@code work/<dir>} signing with the class identity and trusting what {@link #trust} trusts. */
    protected static TemplateStoreService newStore(String dir) throws IOException {
        return new TemplateStoreService(identity, trust, containers, Configs.of(TemplateStoreService.Config.class,
                Map.of("storeDir", work.resolve(dir).toString(), "lxcPath", lxcPath.toString())));
    }

    /** A name unique to this run: {@code tt-<run>-<n>-<purpose>}. */
    protected static String name(String purpose) {
        return "tt-" + run + "-" + (++counter) + "-" + purpose;
    }

    protected static ContainerException refused(String code, ThrowingRunnable r) {
        try {
            r.run();
        } catch (ContainerException e) {
            assertEquals("code of: " + e.getMessage(), code, e.code());
            LOG.info("refused as expected: {} {}", e.code(), e.getMessage());
            return e;
        } catch (Exception e) {
            throw new AssertionError("expected " + code + " but got " + e, e);
        }
        fail("expected " + code + " but the call succeeded");
        return null;
    }

    /** The store holds exactly the named template directories and no working leftovers. */
    protected static void assertStoreHolds(Path store, String... ids) throws IOException {
        try (Stream<Path> top = Files.list(store)) {
            List<String> hidden = top.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(".")).toList();
            assertTrue("leftovers in the store: " + hidden, hidden.isEmpty());
        }
        try (Stream<Path> versions = Files.walk(store, 2)) {
            List<String> found = versions.filter(p -> store.relativize(p).getNameCount() == 2)
                    .map(p -> p.getParent().getFileName() + ":" + p.getFileName()).sorted().toList();
            assertEquals(Stream.of(ids).sorted().toList(), found);
        }
    }

    protected static String sh(String... argv) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(30, TimeUnit.MINUTES) || p.exitValue() != 0) {
            throw new IOException(String.join(" ", argv) + " failed: " + out);
        }
        return out;
    }

    protected static double ms(long nanos) {
        return Math.round(nanos / 1e5) / 10.0;
    }

    @After
    public void destroyContainers() throws Exception {
        if (containers == null || !Files.isDirectory(lxcPath)) {
            return;
        }
        for (int pass = 0; pass < 3; pass++) {
            // clones first: a container with clones cannot be destroyed
            List<Path> dirs;
            try (Stream<Path> s = Files.list(lxcPath)) {
                dirs = s.filter(Files::isDirectory).sorted((a, b) -> b.toString().compareTo(a.toString())).toList();
            }
            for (Path d : dirs) {
                try {
                    containers.destroy(d.getFileName().toString());
                } catch (RuntimeException e) {
                    LOG.debug("cleanup pass {}: {}", pass, e.getMessage());
                }
            }
        }
        try (Stream<Path> s = Files.list(lxcPath)) {
            for (Path d : s.filter(Files::isDirectory).toList()) {
                String n = d.getFileName().toString();
                LOG.warn("forcing cleanup of {}", n);
                new ProcessBuilder("lxc-stop", "-k", "-n", n, "-P", lxcPath.toString()).start().waitFor(30, TimeUnit.SECONDS);
                new ProcessBuilder("lxc-destroy", "-n", n, "-P", lxcPath.toString()).start().waitFor(30, TimeUnit.SECONDS);
            }
        }
    }

    @AfterClass
    public static void removeWork() throws IOException {
        if (work != null && work.getFileName().toString().startsWith("peeros-template-test-")) {
            StoreLayout.deleteTree(work);
        }
        work = null;
        containers = null;
    }

    @FunctionalInterface
    protected interface ThrowingRunnable {
        void run() throws Exception;
    }
}
