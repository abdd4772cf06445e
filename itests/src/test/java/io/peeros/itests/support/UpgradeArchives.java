package io.peeros.itests.support;

import static org.junit.Assert.assertEquals;

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

/**
 * Upgrade archives made from the distribution under test, as a publisher would make them: "newer builds" with
 * every PeerOS bundle restamped to a higher version and some bundles really changed (or broken), signed by the
 * publisher tool run with {@code java -cp} from the peer's own system repository.
 */
public final class UpgradeArchives {

    /** The version of the distribution under test. */
    public static final String FROM = "0.1.0-SNAPSHOT";
    private static final String PASSPHRASE = "upg-test-Passphrase-1";

    private final PeerProcess peer;
    private final Path work;
    private final Path key;

    private UpgradeArchives(PeerProcess peer, Path work) {
        this.peer = peer;
        this.work = work;
        this.key = work.resolve("publisher.key");
    }

    /** Makes a new publisher key pair in {@code work}, with the tool of {@code peer}'s distribution. */
    public static UpgradeArchives withNewKey(PeerProcess peer, Path work) throws IOException {
        UpgradeArchives archives = new UpgradeArchives(peer, work);
        Files.createDirectories(work);
        Files.deleteIfExists(archives.key);
        Files.deleteIfExists(Path.of(archives.key + ".pub"));
        archives.tool("keygen", "--key", archives.key.toString());
        return archives;
    }

    /** The public key line a peer puts into {@code trustedPublishers}. */
    public String publicKey() throws IOException {
        return Files.readString(Path.of(key + ".pub")).strip();
    }

    /** What a newer build does to a bundle. */
    public enum Change {
        /** One more resource: the content differs, the bundle works as before. */
        CONTENT,
        /** Its DS component needs a service no bundle offers: it can never be satisfied. */
        BROKEN
    }

    /**
     * A newer build from the distribution under test: every PeerOS bundle restamped to {@code version}, the
     * bundles in {@code changes} really changed, the features repository at {@code version}, signed by the tool.
     */
    public Path build(String version, Map<String, Change> changes) throws IOException {
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
    public Path tamper(Path archive, String entry) throws IOException {
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
    private void tool(String... args) {
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
