package io.peeros.upgrade.internal.archive;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import io.peeros.upgrade.api.UpgradeException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.Enumeration;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class ArchiveVerifierTest {

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private KeyPair publisher;
    private Path dir;
    private Path good;

    @Before
    public void signedArchive() throws IOException {
        publisher = TestArchives.keyPair();
        dir = tmp.getRoot().toPath();
        good = TestArchives.archive(dir, "0.2.0", publisher,
                Map.of("io.peeros.vpn", "vpn code", "io.peeros.shell", "shell code"));
    }

    private ArchiveVerifier verifier() {
        return new ArchiveVerifier(Map.of(PublisherKeys.id(publisher.getPublic()), publisher.getPublic()),
                ArchiveLimits.defaults());
    }

    @Test
    public void aGoodArchiveVerifiesAndExtracts() throws IOException {
        VerifiedArchive archive = verifier().verify(good);
        assertEquals("0.2.0", archive.manifest().version());
        assertEquals(3, archive.manifest().entries().size());
        Path out = Files.createDirectories(dir.resolve("out"));
        ArchiveVerifier.extract(archive, out);
        assertTrue(Files.isRegularFile(out.resolve("repository/io/peeros/io.peeros.vpn/0.2.0/io.peeros.vpn-0.2.0.jar")));
        assertTrue(Files.isRegularFile(out.resolve("features.xml")));
    }

    @Test
    public void aTamperedEntryIsRefusedNamingIt() throws IOException {
        Path tampered = rewrite(good, (name, data) -> name.contains("io.peeros.vpn-0.2.0.jar")
                ? appendByte(data) : data);
        UpgradeException e = assertThrows(UpgradeException.class, () -> verifier().verify(tampered));
        assertEquals(UpgradeException.DIGEST_MISMATCH, e.code());
        assertTrue(e.getMessage(), e.getMessage().contains("repository/io/peeros/io.peeros.vpn/0.2.0/io.peeros.vpn-0.2.0.jar"));
    }

    @Test
    public void anAlteredManifestBreaksTheSignature() throws IOException {
        Path tampered = rewrite(good, (name, data) -> name.equals(ArchiveLayout.MANIFEST)
                ? new String(data, StandardCharsets.UTF_8).replace("Version: 0.2.0", "Version: 0.9.0")
                        .getBytes(StandardCharsets.UTF_8) : data);
        UpgradeException e = assertThrows(UpgradeException.class, () -> verifier().verify(tampered));
        assertEquals(UpgradeException.BAD_SIGNATURE, e.code());
    }

    @Test
    public void anArchiveOfAnUnknownPublisherIsRefused() {
        KeyPair other = TestArchives.keyPair();
        ArchiveVerifier trustsOther = new ArchiveVerifier(Map.of(PublisherKeys.id(other.getPublic()),
                other.getPublic()), ArchiveLimits.defaults());
        UpgradeException e = assertThrows(UpgradeException.class, () -> trustsOther.verify(good));
        assertEquals(UpgradeException.UNKNOWN_PUBLISHER, e.code());
        assertTrue(e.getMessage().contains(PublisherKeys.id(publisher.getPublic())));
    }

    @Test
    public void anUnlistedEntryIsRefused() throws IOException {
        Path extra = rewrite(good, (name, data) -> data, "extra.txt");
        UpgradeException e = assertThrows(UpgradeException.class, () -> verifier().verify(extra));
        assertEquals(UpgradeException.ARCHIVE_INVALID, e.code());
        assertTrue(e.getMessage().contains("extra.txt"));
    }

    @Test
    public void aZipSlipPathIsRefused() throws IOException {
        Path slip = rewrite(good, (name, data) -> data, "../../etc/evil");
        UpgradeException e = assertThrows(UpgradeException.class, () -> verifier().verify(slip));
        assertEquals(UpgradeException.ARCHIVE_INVALID, e.code());
        assertTrue(e.getMessage(), e.getMessage().contains("zip-slip"));
        assertFalse(ArchiveLayout.isSafe("/abs/path"));
        assertFalse(ArchiveLayout.isSafe("a/../b"));
        assertFalse(ArchiveLayout.isSafe("a\\b"));
        assertTrue(ArchiveLayout.isSafe("repository/io/peeros/x/1.0/x-1.0.jar"));
    }

    @Test
    public void anOversizeArchiveIsRefusedBeforeItIsRead() {
        ArchiveVerifier small = new ArchiveVerifier(Map.of(PublisherKeys.id(publisher.getPublic()),
                publisher.getPublic()), new ArchiveLimits(100, 10));
        UpgradeException e = assertThrows(UpgradeException.class, () -> small.verify(good));
        assertEquals(UpgradeException.ARCHIVE_TOO_LARGE, e.code());
    }

    @Test
    public void notAZipIsRefused() throws IOException {
        Path junk = Files.writeString(dir.resolve("junk.zip"), "not a zip");
        UpgradeException e = assertThrows(UpgradeException.class, () -> verifier().verify(junk));
        assertEquals(UpgradeException.ARCHIVE_INVALID, e.code());
    }

    @Test
    public void theBundleDigestIgnoresBuildStampsButNotContent() throws IOException {
        Path a = TestArchives.bundle(dir.resolve("a"), "io.peeros.x", "0.1.0-SNAPSHOT", "same");
        Path b = TestArchives.bundle(dir.resolve("b"), "io.peeros.x", "0.2.0", "same");
        Path c = TestArchives.bundle(dir.resolve("c"), "io.peeros.x", "0.2.0", "changed");
        assertEquals(BundleDigest.of(a), BundleDigest.of(b));
        assertFalse(BundleDigest.of(a).equals(BundleDigest.of(c)));
        assertEquals("io.peeros.x", BundleDigest.symbolicName(a));
    }

    @Test
    public void versionsCompareAsKarafOrdersThem() {
        assertTrue(Versions.compare("0.2.0", "0.1.0.SNAPSHOT") > 0);
        assertTrue(Versions.compare("0.1.0-SNAPSHOT", "0.2.0") < 0);
        assertEquals(0, Versions.compare("0.1.0-SNAPSHOT", "0.1.0.SNAPSHOT"));
        assertEquals("0.1.0.SNAPSHOT", Versions.osgi("0.1.0-SNAPSHOT"));
        assertEquals("1.0.0", Versions.osgi("1"));
    }

    @Test
    public void thePrivateKeyFileIsEncryptedAndOwnerOnly() throws Exception {
        Path key = dir.resolve("publisher.key");
        PrivateKeyFile.write(publisher.getPrivate(), key, "correct horse".toCharArray());
        assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(key)));
        byte[] data = "x".getBytes(StandardCharsets.UTF_8);
        byte[] sig = PublisherKeys.sign(PrivateKeyFile.read(key, "correct horse".toCharArray()), data);
        PublisherKeys.verify(publisher.getPublic(), data, sig);
        assertThrows(IOException.class, () -> PrivateKeyFile.read(key, "wrong".toCharArray()));
        assertEquals(publisher.getPublic(), PublisherKeys.parse(PublisherKeys.text(publisher.getPublic()), "test"));
    }

    private static byte[] appendByte(byte[] data) {
        byte[] out = java.util.Arrays.copyOf(data, data.length + 1);
        out[data.length] = 1;
        return out;
    }

    /** A copy of {@code archive} with entries transformed and optional extra entries (content "x"). */
    private Path rewrite(Path archive, BiFunction<String, byte[], byte[]> change, String... extra)
            throws IOException {
        Path out = dir.resolve("changed-" + System.nanoTime() + ".zip");
        try (ZipFile in = new ZipFile(archive.toFile());
                ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(out))) {
            for (Enumeration<? extends ZipEntry> en = in.entries(); en.hasMoreElements(); ) {
                ZipEntry e = en.nextElement();
                byte[] data;
                try (InputStream s = in.getInputStream(e)) {
                    data = s.readAllBytes();
                }
                zip.putNextEntry(new ZipEntry(e.getName()));
                zip.write(change.apply(e.getName(), data));
                zip.closeEntry();
            }
            for (String name : extra) {
                zip.putNextEntry(new ZipEntry(name));
                zip.write('x');
                zip.closeEntry();
            }
        }
        return out;
    }
}
