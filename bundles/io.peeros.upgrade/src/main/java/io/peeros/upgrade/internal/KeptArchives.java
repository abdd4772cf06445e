package io.peeros.upgrade.internal;

import io.peeros.upgrade.api.AvailableUpgrade;
import io.peeros.upgrade.internal.archive.ArchiveLayout;
import io.peeros.upgrade.internal.archive.Hex;
import io.peeros.upgrade.internal.archive.UpgradeManifest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/** Describes a kept archive for the peers that may download it (they verify it in full themselves). */
final class KeptArchives {

    private KeptArchives() {
    }

    /** The archive's version, publisher, size and digest, or {@code null} when it cannot be read. */
    static AvailableUpgrade describe(Path file) {
        try (ZipFile zip = new ZipFile(file.toFile())) {
            ZipEntry entry = zip.getEntry(ArchiveLayout.MANIFEST);
            if (entry == null) {
                return null;
            }
            UpgradeManifest manifest;
            try (InputStream in = zip.getInputStream(entry)) {
                manifest = UpgradeManifest.parse(in.readNBytes(1 << 20));
            }
            MessageDigest digest = Hex.sha256();
            try (InputStream in = Files.newInputStream(file)) {
                byte[] buffer = new byte[1 << 16];
                for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                    digest.update(buffer, 0, n);
                }
            }
            return new AvailableUpgrade(manifest.version(), manifest.publisher(), Files.size(file),
                    Hex.of(digest.digest()));
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
