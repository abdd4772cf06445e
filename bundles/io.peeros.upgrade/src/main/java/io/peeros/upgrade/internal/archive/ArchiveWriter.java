package io.peeros.upgrade.internal.archive;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Builds and signs an archive from a features repository and the jars it names (the publisher's side). */
public final class ArchiveWriter {

    private ArchiveWriter() {
    }

    /**
     * Writes the archive: {@code features.xml}, every file of {@code jars} (archive path to file), the manifest
     * listing their digests and its signature.
     */
    public static UpgradeManifest write(Path out, String version, byte[] featuresXml, Map<String, Path> jars,
            PrivateKey key, PublicKey publicKey) throws IOException {
        Map<String, UpgradeManifest.Entry> entries = new TreeMap<>();
        entries.put(ArchiveLayout.FEATURES, new UpgradeManifest.Entry(Hex.sha256(featuresXml), featuresXml.length));
        for (Map.Entry<String, Path> jar : jars.entrySet()) {
            if (!ArchiveLayout.isSafe(jar.getKey())) {
                throw new IllegalArgumentException("unsafe archive path " + jar.getKey());
            }
            byte[] data = Files.readAllBytes(jar.getValue());
            entries.put(jar.getKey(), new UpgradeManifest.Entry(Hex.sha256(data), data.length));
        }
        UpgradeManifest manifest = new UpgradeManifest(version, PublisherKeys.id(publicKey), Instant.now(), entries);
        byte[] manifestBytes = manifest.render();
        byte[] signature = Base64.getEncoder().encode(PublisherKeys.sign(key, manifestBytes));
        Path tmp = out.resolveSibling(out.getFileName() + ".part");
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(tmp))) {
            put(zip, ArchiveLayout.MANIFEST, manifestBytes);
            put(zip, ArchiveLayout.SIGNATURE, (new String(signature, StandardCharsets.US_ASCII) + "\n")
                    .getBytes(StandardCharsets.US_ASCII));
            put(zip, ArchiveLayout.FEATURES, featuresXml);
            for (Map.Entry<String, Path> jar : new TreeMap<>(jars).entrySet()) {
                put(zip, jar.getKey(), Files.readAllBytes(jar.getValue()));
            }
        }
        Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return manifest;
    }

    private static void put(ZipOutputStream zip, String name, byte[] data) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(data);
        zip.closeEntry();
    }

    static void copy(byte[] data, OutputStream out) throws IOException {
        out.write(data);
    }
}
