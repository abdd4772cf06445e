package io.peeros.itests;

import static org.hamcrest.CoreMatchers.containsString;
import static org.hamcrest.CoreMatchers.not;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;

import io.peeros.itests.support.PeerProcess;
import io.peeros.itests.support.Processes;
import io.peeros.itests.support.TestNetwork;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;

/**
 * {@code peer:upgrade} on a real peer: "newer builds" are made from the distribution under test (every PeerOS
 * bundle restamped to a higher version, one of them really changed), signed with a test publisher key by the
 * publisher tool, and applied. A tampered archive is refused with nothing installed; a good one is installed
 * with only the changed bundle updated; a deliberately broken one fails the health check and is rolled back by
 * itself, leaving the peer as it was. Runs in order: each step starts from the state the one before left.
 */
public class UpgradeIT {

    private static final Duration BOOT = Duration.ofSeconds(120);
    private static final Duration UPGRADE = Duration.ofMinutes(4);
    private static final String FROM = "0.1.0-SNAPSHOT";
    private static final String CHANGED = "io.peeros.container.template";
    private static final String PASSPHRASE = "upg-test-Passphrase-1";
    private static final Pattern BUNDLE_LINE = Pattern.compile("(?m)^\\s*(\\d+)\\s*[│|]\\s*(\\w+)\\s*[│|]\\s*\\d+\\s*[│|]\\s*(\\S+)\\s*[│|]\\s*(io\\.peeros\\.\\S+)\\s*$");

    private static TestNetwork network;
    private static PeerProcess peer;
    private static Path work;
    private static Path key;

    @BeforeClass
    public static void startPeer() throws IOException {
        Path archive = Path.of(System.getProperty("peeros.dist.tar"));
        work = Path.of(System.getProperty("peeros.work")).resolve("upg");
        network = TestNetwork.create(1);
        peer = PeerProcess.unpack(archive, work, "upg-peer", network.namespace(0), network.address(0),
                "owner-upg-Secret-123");
        key = work.resolve("publisher.key");
        Files.deleteIfExists(key);
        Files.deleteIfExists(Path.of(key + ".pub"));
        tool("keygen", "--key", key.toString());
        peer.configure("io.peeros.upgrade.UpgradeService", Map.of("trustedPublishers",
                Files.readString(Path.of(key + ".pub")).strip(), "healthTimeoutSeconds", "30"));
        peer.start();
        peer.awaitReady(BOOT);
    }

    @AfterClass
    public static void stopPeer() {
        for (AutoCloseable closeable : new AutoCloseable[] {peer, network}) {
            try {
                if (closeable != null) {
                    closeable.close();
                }
            } catch (Exception e) {
                // keep closing the rest
            }
        }
    }

    @Test
    public void tamperedRefusedThenUpgradedThenBrokenVersionRolledBack() throws Exception {
        Map<String, String[]> before = peerosBundles();
        assertEquals(FROM.replace('-', '.'), before.get(CHANGED)[1]);
        Path v2 = build("0.2.0", Map.of(CHANGED, Change.CONTENT));

        // A tampered archive (one jar altered after signing) is refused naming the entry; nothing changes.
        Path tampered = tamper(v2, "repository/io/peeros/io.peeros.vpn/0.2.0/io.peeros.vpn-0.2.0.jar");
        String refused = peer.shell("peer:upgrade " + tampered, UPGRADE);
        assertThat(refused, containsString("DIGEST_MISMATCH"));
        assertThat(refused, containsString("io.peeros.vpn-0.2.0.jar"));
        assertEquals(before, peerosBundles());
        assertThat(peer.shell("feature:list -i"), not(containsString("0.2.0")));

        // A dry run verifies and simulates: it names the one bundle that would change, and installs nothing.
        String dry = peer.shell("peer:upgrade --dry-run " + v2, UPGRADE);
        assertThat(dry, containsString("DRY_RUN"));
        assertThat(dry, containsString("bundles updated [" + CHANGED + "]"));
        assertEquals(before, peerosBundles());

        // The real upgrade: the features are 0.2.0, only the changed bundle was updated (same ids, the others
        // keep their version and their bundle cache revision), and the peer is healthy.
        Map<String, String> revisionsBefore = cacheRevisions(before);
        String upgraded = peer.shell("peer:upgrade " + v2, UPGRADE);
        assertThat(upgraded, containsString("SUCCEEDED"));
        Map<String, String[]> after = peerosBundles();
        assertEquals(before.keySet(), after.keySet());
        Map<String, String> revisionsAfter = cacheRevisions(after);
        for (String bsn : before.keySet()) {
            if (bsn.equals(CHANGED)) {
                // Karaf's deployer replaces a bundle whose location changed: uninstall + install, a new id
                assertEquals("0.2.0", after.get(bsn)[1]);
                assertNotEquals("the changed bundle was replaced", before.get(bsn)[0], after.get(bsn)[0]);
            } else {
                assertEquals("bundle id of " + bsn, before.get(bsn)[0], after.get(bsn)[0]);
                assertEquals(bsn + " keeps its version", before.get(bsn)[1], after.get(bsn)[1]);
                assertEquals(bsn + " was neither updated nor refreshed", revisionsBefore.get(bsn),
                        revisionsAfter.get(bsn));
            }
            assertEquals(bsn + " is active", "Active", after.get(bsn)[2]);
        }
        assertThat(peer.shell("feature:list -i | grep peeros"), containsString("0.2.0"));
        assertRestAnswers();
        assertThat(peer.shell("peer:upgrade --history"), containsString("SUCCEEDED"));

        // A broken 0.3.0 (its template store cannot be satisfied): the health check fails, the peer rolls back to
        // 0.2.0 by itself, and is as it was.
        Path v3 = build("0.3.0", Map.of(CHANGED, Change.BROKEN));
        String broken = peer.shell("peer:upgrade " + v3, UPGRADE);
        assertThat(broken, containsString("ROLLED_BACK"));
        assertThat(broken, containsString("TemplateStoreService is not active"));
        Map<String, String[]> restored = peerosBundles();
        assertEquals(after.keySet(), restored.keySet());
        for (String bsn : after.keySet()) {
            assertEquals(bsn + " version", after.get(bsn)[1], restored.get(bsn)[1]);
            assertEquals(bsn + " state", after.get(bsn)[2], restored.get(bsn)[2]);
            if (!bsn.equals(CHANGED)) {
                assertEquals(bsn + " id", after.get(bsn)[0], restored.get(bsn)[0]);
            }
        }
        String features = peer.shell("feature:list -i | grep peeros");
        assertThat(features, containsString("0.2.0"));
        assertThat(features, not(containsString("0.3.0")));
        assertRestAnswers();
        assertTrue(peer.shell("peer:id").trim().matches("[0-9a-f]{64}"));
        String history = peer.shell("peer:upgrade --history");
        assertThat(history, containsString("ROLLED_BACK"));
        assertThat(history, containsString("REFUSED"));
        assertThat(history, containsString("TemplateStoreService"));
    }

    private static void assertRestAnswers() {
        Processes.Result rest = peer.curl("https://127.0.0.1:8443/api/v1/peer");
        String status = rest.stdout().strip();
        status = status.substring(status.lastIndexOf('\n') + 1);
        assertTrue("REST answers: " + rest.all(), status.equals("200") || status.equals("401"));
    }

    /** The PeerOS bundles: symbolic name to [id, version, state]. */
    private static Map<String, String[]> peerosBundles() {
        String list = peer.shell("bundle:list -t 0 -s");
        Map<String, String[]> out = new TreeMap<>();
        Matcher m = BUNDLE_LINE.matcher(list);
        while (m.find()) {
            out.put(m.group(4), new String[] {m.group(1), m.group(3), m.group(2)});
        }
        assertTrue("PeerOS bundles listed:\n" + list, out.size() >= 10);
        return new TreeMap<>(out) {
            private static final long serialVersionUID = 1L;

            @Override
            public boolean equals(Object o) {
                if (!(o instanceof Map<?, ?> other) || !other.keySet().equals(keySet())) {
                    return false;
                }
                return keySet().stream().allMatch(k -> java.util.Arrays.equals(get(k), (String[]) other.get(k)));
            }

            @Override
            public int hashCode() {
                return keySet().hashCode();
            }
        };
    }

    /** Felix's bundle cache: each update adds a revision directory (version0.N); a bundle left alone keeps its. */
    private static Map<String, String> cacheRevisions(Map<String, String[]> bundles) throws IOException {
        Map<String, String> out = new TreeMap<>();
        for (Map.Entry<String, String[]> b : bundles.entrySet()) {
            Path dir = peer.home().resolve("data/cache/bundle" + b.getValue()[0]);
            try (var files = Files.list(dir)) {
                out.put(b.getKey(), files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("version"))
                        .sorted().toList().toString());
            }
        }
        return out;
    }

    private enum Change { CONTENT, BROKEN }

    /**
     * A newer build from the distribution under test: every PeerOS bundle restamped to {@code version}, the
     * bundles in {@code changes} really changed, the features repository at {@code version}, signed by the tool.
     */
    private static Path build(String version, Map<String, Change> changes) throws IOException {
        Path system = peer.home().resolve("system");
        Path features = system.resolve("io/peeros/peeros-features/" + FROM + "/peeros-features-" + FROM + "-features.xml");
        String xml = Files.readString(features).replace(FROM, version);
        Path repo = work.resolve("repo-" + version);
        Pattern bundle = Pattern.compile("mvn:io\\.peeros/([A-Za-z0-9._-]+)/" + Pattern.quote(version));
        Matcher m = bundle.matcher(xml);
        while (m.find()) {
            String artifact = m.group(1);
            Path source = system.resolve("io/peeros/" + artifact + "/" + FROM + "/" + artifact + "-" + FROM + ".jar");
            Path target = repo.resolve("io/peeros/" + artifact + "/" + version + "/" + artifact + "-" + version + ".jar");
            Files.createDirectories(target.getParent());
            restamp(source, target, version, changes.get(artifact));
        }
        Path xmlFile = work.resolve("features-" + version + ".xml");
        Files.writeString(xmlFile, xml);
        Path out = work.resolve("peeros-upgrade-" + version + ".zip");
        tool("build", "--features", xmlFile.toString(), "--repository", repo.toString(), "--key", key.toString(),
                "--out", out.toString(), "--version", version);
        return out;
    }

    private static void restamp(Path source, Path target, String version, Change change) throws IOException {
        try (JarFile in = new JarFile(source.toFile())) {
            Manifest manifest = new Manifest(in.getManifest());
            manifest.getMainAttributes().put(new Attributes.Name("Bundle-Version"), version);
            try (OutputStream os = Files.newOutputStream(target); JarOutputStream out = new JarOutputStream(os, manifest)) {
                for (Enumeration<JarEntry> en = in.entries(); en.hasMoreElements(); ) {
                    JarEntry e = en.nextElement();
                    if (e.getName().equals(JarFile.MANIFEST_NAME)) {
                        continue;
                    }
                    byte[] data;
                    try (InputStream s = in.getInputStream(e)) {
                        data = s.readAllBytes();
                    }
                    if (change == Change.BROKEN && e.getName().startsWith("OSGI-INF/") && e.getName().endsWith(".xml")) {
                        data = new String(data, StandardCharsets.UTF_8).replace(
                                "interface=\"io.peeros.identity.api.TrustService\"",
                                "interface=\"io.peeros.identity.api.NoSuchService\"").getBytes(StandardCharsets.UTF_8);
                    }
                    out.putNextEntry(new ZipEntry(e.getName()));
                    out.write(data);
                    out.closeEntry();
                }
                if (change != null) {
                    out.putNextEntry(new ZipEntry("META-INF/peeros-upgrade-test.txt"));
                    out.write(("changed in " + version + "\n").getBytes(StandardCharsets.UTF_8));
                    out.closeEntry();
                }
            }
        }
    }

    /** A copy of the archive with one byte of {@code entry} changed after signing. */
    private static Path tamper(Path archive, String entry) throws IOException {
        Path out = work.resolve("tampered.zip");
        try (ZipFile in = new ZipFile(archive.toFile()); ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(out))) {
            for (Enumeration<? extends ZipEntry> en = in.entries(); en.hasMoreElements(); ) {
                ZipEntry e = en.nextElement();
                byte[] data;
                try (InputStream s = in.getInputStream(e)) {
                    data = s.readAllBytes();
                }
                if (e.getName().equals(entry)) {
                    data[data.length / 2] ^= 1;
                }
                zip.putNextEntry(new ZipEntry(e.getName()));
                zip.write(data);
                zip.closeEntry();
            }
        }
        return out;
    }

    /** Runs the publisher tool as the docs do: java -cp the upgrade bundle's jar and its API's. */
    private static void tool(String... args) {
        Path system = peer.home().resolve("system/io/peeros");
        String classpath = system.resolve("io.peeros.upgrade/" + FROM + "/io.peeros.upgrade-" + FROM + ".jar") + ":"
                + system.resolve("io.peeros.upgrade.api/" + FROM + "/io.peeros.upgrade.api-" + FROM + ".jar");
        List<String> command = new java.util.ArrayList<>(List.of("/usr/lib/jvm/java-17-openjdk-amd64/bin/java", "-cp",
                classpath, "io.peeros.upgrade.internal.tool.PublisherTool"));
        command.addAll(List.of(args));
        Processes.Result result = Processes.run(command, Map.of("PEEROS_PUBLISHER_PASSPHRASE", PASSPHRASE), null,
                Duration.ofMinutes(2));
        assertEquals("publisher tool " + List.of(args) + ":\n" + result.all(), 0, result.exitCode());
    }
}
