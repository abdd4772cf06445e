package io.peeros.upgrade.internal.archive;

import io.peeros.upgrade.api.UpgradeException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * Checks an archive completely before any of it is used: size bounds, entry names (no zip-slip), the Ed25519
 * signature of the manifest by a trusted publisher, and the SHA-256 and size of every entry against the
 * manifest, which must list exactly the archive's entries.
 */
public final class ArchiveVerifier {

    private final Map<String, PublicKey> trusted;
    private final ArchiveLimits limits;

    /** @param trusted the trusted publisher keys by id */
    public ArchiveVerifier(Map<String, PublicKey> trusted, ArchiveLimits limits) {
        this.trusted = Map.copyOf(trusted);
        this.limits = limits;
    }

    public VerifiedArchive verify(Path archive) {
        try {
            long size = Files.size(archive);
            if (size > limits.maxArchiveBytes()) {
                throw new UpgradeException(UpgradeException.ARCHIVE_TOO_LARGE, "the archive has " + size
                        + " bytes, more than the " + limits.maxArchiveBytes() + " allowed (maxArchiveMegabytes)");
            }
            try (ZipFile zip = new ZipFile(archive.toFile())) {
                Set<String> names = names(zip);
                UpgradeManifest manifest = UpgradeManifest.parse(
                        read(zip, ArchiveLayout.MANIFEST, ArchiveLimits.MAX_MANIFEST_BYTES));
                byte[] signature = PublisherKeys.decodeSignature(
                        read(zip, ArchiveLayout.SIGNATURE, ArchiveLimits.MAX_SIGNATURE_BYTES));
                PublicKey key = trusted.get(manifest.publisher());
                if (key == null) {
                    throw new UpgradeException(UpgradeException.UNKNOWN_PUBLISHER, "the archive is signed by publisher "
                            + manifest.publisher() + ", which this peer does not trust (trustedPublishers of"
                            + " io.peeros.upgrade.UpgradeService)");
                }
                PublisherKeys.verify(key, manifest.render(), signature);
                checkListed(manifest, names);
                long total = 0;
                for (Map.Entry<String, UpgradeManifest.Entry> e : manifest.entries().entrySet()) {
                    total += e.getValue().size();
                    if (total > limits.maxArchiveBytes()) {
                        throw new UpgradeException(UpgradeException.ARCHIVE_TOO_LARGE, "the entries of the archive"
                                + " add up to more than " + limits.maxArchiveBytes() + " bytes");
                    }
                    copyChecked(zip, e.getKey(), e.getValue(), OutputStream.nullOutputStream());
                }
                if (!manifest.entries().containsKey(ArchiveLayout.FEATURES)) {
                    throw new UpgradeException(UpgradeException.ARCHIVE_INVALID, "the archive has no "
                            + ArchiveLayout.FEATURES + " (the features repository)");
                }
                byte[] features = read(zip, ArchiveLayout.FEATURES, ArchiveLimits.MAX_FEATURES_BYTES);
                if (!Hex.sha256(features).equals(manifest.entries().get(ArchiveLayout.FEATURES).sha256())) {
                    throw mismatch(ArchiveLayout.FEATURES);
                }
                return new VerifiedArchive(archive, manifest, features);
            }
        } catch (ZipException e) {
            throw new UpgradeException(UpgradeException.ARCHIVE_INVALID, "the archive is not a readable zip file: "
                    + e.getMessage());
        } catch (IOException e) {
            throw new UpgradeException(UpgradeException.ARCHIVE_INVALID, "the archive cannot be read: " + e.getMessage());
        }
    }

    /**
     * Extracts every listed entry below {@code target}, hashing again as it writes: the file was verified, but
     * only what is written now is used.
     */
    public static void extract(VerifiedArchive archive, Path target) throws IOException {
        try (ZipFile zip = new ZipFile(archive.file().toFile())) {
            for (Map.Entry<String, UpgradeManifest.Entry> e : archive.manifest().entries().entrySet()) {
                Path out = target.resolve(e.getKey()).normalize();
                if (!out.startsWith(target)) {
                    throw new UpgradeException(UpgradeException.ARCHIVE_INVALID, "entry '" + e.getKey()
                            + "' would be written outside " + target + " (zip-slip)");
                }
                Files.createDirectories(out.getParent());
                try (OutputStream os = Files.newOutputStream(out)) {
                    copyChecked(zip, e.getKey(), e.getValue(), os);
                }
            }
        }
    }

    private Set<String> names(ZipFile zip) {
        Set<String> names = new HashSet<>();
        int count = 0;
        for (Enumeration<? extends ZipEntry> en = zip.entries(); en.hasMoreElements(); ) {
            ZipEntry entry = en.nextElement();
            if (++count > limits.maxEntries()) {
                throw new UpgradeException(UpgradeException.ARCHIVE_TOO_LARGE, "the archive has more than "
                        + limits.maxEntries() + " entries");
            }
            if (entry.isDirectory()) {
                continue;
            }
            String name = entry.getName();
            if (!ArchiveLayout.isSafe(name)) {
                throw new UpgradeException(UpgradeException.ARCHIVE_INVALID, "the archive holds entry '" + name
                        + "', a path that would leave the extraction directory (zip-slip) or has unsafe characters");
            }
            if (!names.add(name)) {
                throw new UpgradeException(UpgradeException.ARCHIVE_INVALID, "the archive holds entry '" + name
                        + "' twice");
            }
        }
        return names;
    }

    private static void checkListed(UpgradeManifest manifest, Set<String> names) {
        for (String name : names) {
            if (!name.equals(ArchiveLayout.MANIFEST) && !name.equals(ArchiveLayout.SIGNATURE)
                    && !manifest.entries().containsKey(name)) {
                throw new UpgradeException(UpgradeException.ARCHIVE_INVALID, "the archive holds entry '" + name
                        + "', which the signed manifest does not list");
            }
        }
        for (String listed : manifest.entries().keySet()) {
            if (!names.contains(listed)) {
                throw new UpgradeException(UpgradeException.ARCHIVE_INVALID, "the signed manifest lists entry '"
                        + listed + "', which the archive lacks");
            }
        }
    }

    private static byte[] read(ZipFile zip, String name, int max) throws IOException {
        ZipEntry entry = zip.getEntry(name);
        if (entry == null) {
            throw new UpgradeException(UpgradeException.ARCHIVE_INVALID, "the archive has no " + name
                    + " (is it a PeerOS upgrade archive, built and signed by the publisher tool?)");
        }
        try (InputStream in = zip.getInputStream(entry)) {
            byte[] data = in.readNBytes(max + 1);
            if (data.length > max) {
                throw new UpgradeException(UpgradeException.ARCHIVE_TOO_LARGE, "entry " + name + " is larger than "
                        + max + " bytes");
            }
            return data;
        }
    }

    /** Copies an entry, never more than its listed size plus one byte, and checks its size and digest. */
    private static void copyChecked(ZipFile zip, String name, UpgradeManifest.Entry listed, OutputStream out)
            throws IOException {
        MessageDigest digest = Hex.sha256();
        long done = 0;
        try (InputStream in = zip.getInputStream(zip.getEntry(name))) {
            byte[] buffer = new byte[1 << 16];
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                done += n;
                if (done > listed.size()) {
                    throw mismatch(name);
                }
                digest.update(buffer, 0, n);
                out.write(buffer, 0, n);
            }
        } catch (ZipException e) {
            throw new UpgradeException(UpgradeException.DIGEST_MISMATCH, "entry " + name + " is damaged: "
                    + e.getMessage());
        }
        if (done != listed.size() || !Hex.of(digest.digest()).equals(listed.sha256())) {
            throw mismatch(name);
        }
    }

    private static UpgradeException mismatch(String name) {
        return new UpgradeException(UpgradeException.DIGEST_MISMATCH, "digest mismatch on entry " + name
                + ": its bytes are not those the publisher signed (the archive was altered or damaged)");
    }

    static byte[] readAll(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        in.transferTo(out);
        return out.toByteArray();
    }
}
