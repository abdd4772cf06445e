package io.peeros.upgrade.internal.archive;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.GeneralSecurityException;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;

/** Builds real archives and bundle jars for the tests. */
public final class TestArchives {

    private TestArchives() {
    }

    public static KeyPair keyPair() {
        try {
            return KeyPairGenerator.getInstance(PublisherKeys.ALGORITHM).generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A bundle jar with one class-like entry whose content is {@code content}. */
    public static Path bundle(Path dir, String bsn, String version, String content) throws IOException {
        return bundle(dir, bsn, version, content, null);
    }

    /** A bundle jar as {@link #bundle(Path, String, String, String)} exporting {@code exports} unless null. */
    public static Path bundle(Path dir, String bsn, String version, String content, String exports) throws IOException {
        Manifest manifest = new Manifest();
        Attributes a = manifest.getMainAttributes();
        a.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        a.putValue("Bundle-ManifestVersion", "2");
        a.putValue("Bundle-SymbolicName", bsn);
        a.putValue("Bundle-Version", version.replace('-', '.'));
        a.putValue("Bnd-LastModified", String.valueOf(System.nanoTime()));
        if (exports != null) {
            a.putValue("Export-Package", exports);
        }
        Path jar = dir.resolve(bsn + "-" + version + ".jar");
        Files.createDirectories(dir);
        try (OutputStream os = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(os, manifest)) {
            out.putNextEntry(new ZipEntry("io/peeros/Impl.class"));
            out.write(content.getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
            out.putNextEntry(new ZipEntry("META-INF/maven/io.peeros/" + bsn + "/pom.properties"));
            out.write(("version=" + version).getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        }
        return jar;
    }

    /** A features repository with feature {@code peeros} holding the given PeerOS bundles at {@code version}. */
    public static byte[] features(String version, String... artifacts) {
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<features name=\"peeros-"
                + version + "\" xmlns=\"http://karaf.apache.org/xmlns/features/v1.6.0\">\n");
        xml.append("  <feature name=\"peeros\" version=\"").append(version).append("\">\n");
        for (String a : artifacts) {
            xml.append("    <bundle>mvn:io.peeros/").append(a).append('/').append(version).append("</bundle>\n");
        }
        xml.append("  </feature>\n</features>\n");
        return xml.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** A signed archive of {@code version} with the given bundle contents (artifact to content). */
    public static Path archive(Path dir, String version, KeyPair key, Map<String, String> bundles) throws IOException {
        return archive(dir, version, key, bundles, Map.of());
    }

    /** A signed archive as {@link #archive(Path, String, KeyPair, Map)}; {@code exports}: artifact to exported packages. */
    public static Path archive(Path dir, String version, KeyPair key, Map<String, String> bundles,
            Map<String, String> exports) throws IOException {
        Map<String, Path> jars = new TreeMap<>();
        for (Map.Entry<String, String> b : bundles.entrySet()) {
            jars.put(ArchiveLayout.jarPath("io.peeros", b.getKey(), version), bundle(dir.resolve("jars-" + version),
                    b.getKey(), version, b.getValue(), exports.get(b.getKey())));
        }
        Path out = dir.resolve("peeros-upgrade-" + version + ".zip");
        ArchiveWriter.write(out, version, features(version, bundles.keySet().toArray(new String[0])), jars,
                key.getPrivate(), key.getPublic());
        return out;
    }
}
