package io.peeros.upgrade.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import io.peeros.upgrade.api.UpgradeException;
import io.peeros.upgrade.internal.archive.ArchiveLimits;
import io.peeros.upgrade.internal.archive.ArchiveVerifier;
import io.peeros.upgrade.internal.archive.PublisherKeys;
import io.peeros.upgrade.internal.archive.TestArchives;
import io.peeros.upgrade.internal.archive.VerifiedArchive;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** Which bundles an archive changes, and the features state that installs it. */
public class PreparerTest {

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private Path system;
    private KeyPair key;
    private PeerState installed;
    private FeaturesState previous;

    @Before
    public void installedVersion() throws Exception {
        Path root = tmp.getRoot().toPath();
        system = root.resolve("system");
        key = TestArchives.keyPair();
        // what is installed: 0.1.0-SNAPSHOT of two bundles, in system/ as the distribution has them
        for (String[] b : new String[][] {{"io.peeros.vpn", "vpn code"}, {"io.peeros.shell", "shell code"},
                {"io.peeros.rest", "rest code"}, {"io.peeros.upgrade", "upgrade code"}}) {
            Path dir = system.resolve("io/peeros/" + b[0] + "/0.1.0-SNAPSHOT");
            Path jar = TestArchives.bundle(dir, b[0], "0.1.0-SNAPSHOT", b[1]);
            Files.move(jar, dir.resolve(b[0] + "-0.1.0-SNAPSHOT.jar"));
        }
        installed = new PeerState("0.1.0.SNAPSHOT", Map.of("peeros", "0.1.0.SNAPSHOT"),
                Set.of("mvn:io.peeros/peeros-features/0.1.0-SNAPSHOT/xml/features"),
                Map.of("io.peeros.vpn", "mvn:io.peeros/io.peeros.vpn/0.1.0-SNAPSHOT",
                        "io.peeros.shell", "mvn:io.peeros/io.peeros.shell/0.1.0-SNAPSHOT"));
        previous = new FeaturesState(List.of("mvn:io.peeros/peeros-features/0.1.0-SNAPSHOT/xml/features",
                "mvn:org.apache.karaf.features/standard/4.4.10/xml/features"),
                Map.of("root", Set.of("feature:peeros/[0.1.0.SNAPSHOT,0.1.0.SNAPSHOT]", "feature:ssh/0.0.0")));
    }

    private PreparedUpgrade prepare(String version, Map<String, String> bundles) throws Exception {
        return prepare(version, bundles, Map.of());
    }

    private PreparedUpgrade prepare(String version, Map<String, String> bundles, Map<String, String> exports)
            throws Exception {
        Path root = tmp.getRoot().toPath();
        Path archive = TestArchives.archive(root, version, key, bundles, exports);
        VerifiedArchive verified = new ArchiveVerifier(Map.of(PublisherKeys.id(key.getPublic()), key.getPublic()),
                ArchiveLimits.defaults()).verify(archive);
        return new Preparer(new UpgradeStore(root.resolve("store")), new LocalArtifacts(system))
                .prepare(verified, installed, previous);
    }

    @Test
    public void onlyTheBundleWhoseContentChangedIsUpdated() throws Exception {
        PreparedUpgrade p = prepare("0.2.0", Map.of("io.peeros.vpn", "vpn code v2", "io.peeros.shell", "shell code"));
        assertEquals(List.of("io.peeros.vpn"), p.updatedBundles());
        assertEquals(List.of("io.peeros.shell"), p.keptBundles());
        String effective = p.target().repositories().stream().filter(r -> r.endsWith("effective-features.xml"))
                .findFirst().orElseThrow();
        String xml = Files.readString(Path.of(java.net.URI.create(effective)), StandardCharsets.UTF_8);
        assertTrue(xml, xml.contains("<bundle>mvn:io.peeros/io.peeros.shell/0.1.0-SNAPSHOT</bundle>"));
        assertTrue(xml, xml.contains("/repository/io/peeros/io.peeros.vpn/0.2.0/io.peeros.vpn-0.2.0.jar</bundle>"));
        assertTrue(p.target().repositories().contains("mvn:org.apache.karaf.features/standard/4.4.10/xml/features"));
        assertTrue(p.target().repositories().stream().noneMatch(r -> r.contains("peeros-features")));
        assertEquals(Set.of("feature:peeros/[0.2.0,0.2.0]", "feature:ssh/0.0.0"), p.target().requirements().get("root"));
    }

    @Test
    public void anOlderOrEqualVersionIsRefused() {
        UpgradeException e = assertThrows(UpgradeException.class,
                () -> prepare("0.0.9", Map.of("io.peeros.vpn", "x", "io.peeros.shell", "y")));
        assertEquals(UpgradeException.NOT_NEWER, e.code());
    }

    @Test
    public void anArchiveWithoutAnInstalledFeatureIsRefused() {
        installed = new PeerState("0.1.0.SNAPSHOT", Map.of("peeros", "0.1.0.SNAPSHOT", "peeros-vpn", "0.1.0.SNAPSHOT"),
                installed.repositories(), installed.bundles());
        UpgradeException e = assertThrows(UpgradeException.class,
                () -> prepare("0.2.0", Map.of("io.peeros.vpn", "x", "io.peeros.shell", "y")));
        assertEquals(UpgradeException.MISSING_FEATURE, e.code());
        assertTrue(e.getMessage().contains("peeros-vpn"));
    }

    private void installAlso(String... bsns) {
        Map<String, String> bundles = new java.util.HashMap<>(installed.bundles());
        for (String bsn : bsns) {
            bundles.put(bsn, "mvn:io.peeros/" + bsn + "/0.1.0-SNAPSHOT");
        }
        installed = new PeerState(installed.version(), installed.features(), installed.repositories(), bundles);
    }

    private static String read(FeaturesState state, String file) throws Exception {
        String uri = state.repositories().stream().filter(r -> r.endsWith(file)).findFirst().orElseThrow();
        return Files.readString(Path.of(java.net.URI.create(uri)), StandardCharsets.UTF_8);
    }

    @Test
    public void theRestAndUpgradeBundlesAreHeldBackToASecondWave() throws Exception {
        installAlso("io.peeros.rest", "io.peeros.upgrade");
        PreparedUpgrade p = prepare("0.2.0", Map.of("io.peeros.vpn", "vpn code v2", "io.peeros.shell", "shell code",
                "io.peeros.rest", "rest code v2", "io.peeros.upgrade", "upgrade code v2"));
        assertEquals(List.of("io.peeros.rest", "io.peeros.upgrade", "io.peeros.vpn"), p.updatedBundles());
        assertEquals(List.of("io.peeros.vpn"), p.firstWaveBundles());
        assertEquals(List.of("io.peeros.rest", "io.peeros.upgrade"), p.lastWaveBundles());

        String first = read(p.firstWave(), Preparer.FIRST_WAVE);
        assertTrue(first, first.contains("<bundle>mvn:io.peeros/io.peeros.rest/0.1.0-SNAPSHOT</bundle>"));
        assertTrue(first, first.contains("<bundle>mvn:io.peeros/io.peeros.upgrade/0.1.0-SNAPSHOT</bundle>"));
        assertTrue(first, first.contains("<bundle>mvn:io.peeros/io.peeros.shell/0.1.0-SNAPSHOT</bundle>"));
        assertTrue(first, first.contains("/io.peeros.vpn/0.2.0/io.peeros.vpn-0.2.0.jar</bundle>"));
        String last = read(p.target(), Preparer.EFFECTIVE);
        assertTrue(last, last.contains("/io.peeros.rest/0.2.0/io.peeros.rest-0.2.0.jar</bundle>"));
        assertTrue(last, last.contains("/io.peeros.upgrade/0.2.0/io.peeros.upgrade-0.2.0.jar</bundle>"));
        assertTrue(last, last.contains("/io.peeros.vpn/0.2.0/io.peeros.vpn-0.2.0.jar</bundle>"));

        // the same features, told apart by their requirement's spelling; other requirements untouched
        assertEquals(Set.of("feature:peeros/[0.2.0,0.2.0.wave)", "feature:ssh/0.0.0"),
                p.firstWave().requirements().get("root"));
        assertEquals(Set.of("feature:peeros/[0.2.0,0.2.0]", "feature:ssh/0.0.0"), p.target().requirements().get("root"));
        assertTrue(p.firstWave().repositories().contains("mvn:org.apache.karaf.features/standard/4.4.10/xml/features"));
        assertTrue(p.firstWave().repositories().stream().noneMatch(r -> r.contains("peeros-features")));
    }

    @Test
    public void withoutAServedLastBundleToHoldBackThereIsOneDeployment() throws Exception {
        installAlso("io.peeros.rest");
        PreparedUpgrade p = prepare("0.2.0", Map.of("io.peeros.vpn", "vpn code v2", "io.peeros.shell", "shell v2",
                "io.peeros.rest", "rest code"));
        assertNull(p.firstWave());
        assertEquals(List.of(), p.firstWaveBundles());
        assertEquals(p.updatedBundles(), p.lastWaveBundles());
    }

    @Test
    public void whenOnlyServedLastBundlesChangeThereIsOneDeployment() throws Exception {
        installAlso("io.peeros.rest");
        PreparedUpgrade p = prepare("0.2.0", Map.of("io.peeros.vpn", "vpn code", "io.peeros.shell", "shell code",
                "io.peeros.rest", "rest code v2"));
        assertEquals(List.of("io.peeros.rest"), p.updatedBundles());
        assertNull(p.firstWave());
    }

    @Test
    public void aChangedBundleThatExportsPackagesMeansOneDeployment() throws Exception {
        // replacing an exporter in the first wave would refresh its importers, the REST bundle among them
        installAlso("io.peeros.rest");
        PreparedUpgrade p = prepare("0.2.0", Map.of("io.peeros.vpn", "vpn code v2", "io.peeros.shell", "shell code",
                "io.peeros.rest", "rest code v2"), Map.of("io.peeros.vpn", "io.peeros.vpn.api;version=\"1.1.0\""));
        assertEquals(List.of("io.peeros.rest", "io.peeros.vpn"), p.updatedBundles());
        assertNull(p.firstWave());
    }

    @Test
    public void theFirstWaveRangeAdmitsTheVersionAndIsSpelledApart() {
        for (String v : List.of("0.2.0", "0.2.0.SNAPSHOT", "1.0.0.rc1")) {
            String range = Preparer.firstWaveRange(v);
            assertNotEquals(Preparer.exactly(v), range);
            org.osgi.framework.VersionRange r = new org.osgi.framework.VersionRange(range);
            assertTrue(range, r.includes(org.osgi.framework.Version.parseVersion(v)));
            assertFalse(range, r.includes(org.osgi.framework.Version.parseVersion("0.2.1")));
        }
    }
}
