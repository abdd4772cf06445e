package io.peeros.upgrade.internal.archive;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * The content digest of a bundle jar that a rebuild does not change: every entry's name and bytes, and the
 * manifest's main attributes, leaving out what only stamps the build (Bundle-Version, Bnd-LastModified, the
 * build tool and JDK, Maven's pom copies). Two jars with the same digest behave the same, so an upgrade keeps
 * the installed one and the bundle is neither updated nor refreshed.
 */
public final class BundleDigest {

    private static final Set<String> STAMPS = Set.of("Bundle-Version", "Bnd-LastModified", "Build-Jdk",
            "Build-Jdk-Spec", "Built-By", "Created-By", "Tool", "Manifest-Version");

    private BundleDigest() {
    }

    public static String of(Path jar) throws IOException {
        MessageDigest digest = Hex.sha256();
        try (JarFile file = new JarFile(jar.toFile(), false)) {
            Manifest manifest = file.getManifest();
            if (manifest != null) {
                Map<String, String> attributes = new TreeMap<>();
                for (Map.Entry<Object, Object> a : manifest.getMainAttributes().entrySet()) {
                    String key = ((Attributes.Name) a.getKey()).toString();
                    if (!STAMPS.contains(key)) {
                        attributes.put(key, String.valueOf(a.getValue()));
                    }
                }
                attributes.forEach((k, v) -> digest.update((k + ": " + v + "\n").getBytes(StandardCharsets.UTF_8)));
            }
            Map<String, JarEntry> entries = new TreeMap<>();
            file.stream().filter(e -> !e.isDirectory() && !e.getName().equals(JarFile.MANIFEST_NAME)
                    && !e.getName().startsWith("META-INF/maven/")).forEach(e -> entries.put(e.getName(), e));
            byte[] buffer = new byte[1 << 16];
            for (JarEntry entry : entries.values()) {
                digest.update(("\u0000" + entry.getName() + "\u0000").getBytes(StandardCharsets.UTF_8));
                try (InputStream in = file.getInputStream(entry)) {
                    for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                        digest.update(buffer, 0, n);
                    }
                }
            }
        }
        return Hex.of(digest.digest());
    }

    /** The jar's Bundle-SymbolicName without directives, or {@code null}. */
    public static String symbolicName(Path jar) throws IOException {
        try (JarFile file = new JarFile(jar.toFile(), false)) {
            Manifest manifest = file.getManifest();
            String bsn = manifest == null ? null : manifest.getMainAttributes().getValue("Bundle-SymbolicName");
            return bsn == null ? null : bsn.split(";")[0].strip();
        }
    }
}
