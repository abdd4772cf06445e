package io.peeros.upgrade.internal;

import io.peeros.upgrade.api.UpgradeException;
import io.peeros.upgrade.internal.archive.ArchiveLayout;
import io.peeros.upgrade.internal.archive.ArchiveVerifier;
import io.peeros.upgrade.internal.archive.BundleDigest;
import io.peeros.upgrade.internal.archive.FeaturesXml;
import io.peeros.upgrade.internal.archive.VerifiedArchive;
import io.peeros.upgrade.internal.archive.Versions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a verified archive into a deployment: checks it is newer and complete, extracts it, and writes the
 * features repository the peer installs. In it, each PeerOS bundle whose content equals the installed one (see
 * {@link BundleDigest}) keeps its installed location, so the features service neither updates nor refreshes it;
 * the others point at the extracted jars.
 *
 * <p>When the archive changes both a bundle {@linkplain #SERVED_LAST served last} and others, the deployment comes
 * in two waves: a first repository in which the served-last bundles also keep their installed locations (so the
 * first deployment replaces everything else), then the full target. Not when the first wave would replace a bundle
 * that exports packages (an API bundle): its importers are refreshed with it, so one deployment does it all.
 */
final class Preparer {

    static final String EFFECTIVE = "effective-features.xml";
    static final String FIRST_WAVE = "first-wave-features.xml";

    /**
     * Bundles replaced only in the last wave. The REST server: one Karaf deployment stops every bundle it replaces
     * at its start and starts them at its end, so a REST bundle replaced along with all the others is down for the
     * whole deployment (1.2 s for nine bundles); replaced alone it is down only for its own restart. The upgrade
     * service and its API: replacing them deactivates the running upgrade, which then leaves the health check
     * to its next revision; that must happen in the deployment that installs the final target, not half-way.
     */
    static final Set<String> SERVED_LAST = Set.of("io.peeros.rest", "io.peeros.upgrade", "io.peeros.upgrade.api");
    private static final Pattern FEATURE_REQUIREMENT = Pattern.compile("feature:([^/]+)(/.*)?");

    private final UpgradeStore store;
    private final LocalArtifacts local;

    Preparer(UpgradeStore store, LocalArtifacts local) {
        this.store = store;
        this.local = local;
    }

    PreparedUpgrade prepare(VerifiedArchive archive, PeerState installed, FeaturesState previous) throws IOException {
        String to = archive.manifest().version();
        if (Versions.compare(to, installed.version()) <= 0) {
            throw new UpgradeException(UpgradeException.NOT_NEWER, "the archive holds PeerOS " + to
                    + ", which is not newer than the installed " + installed.version());
        }
        FeaturesXml features = FeaturesXml.parse(archive.featuresXml());
        for (String name : installed.features().keySet()) {
            if (!features.features().containsKey(name)) {
                throw new UpgradeException(UpgradeException.MISSING_FEATURE, "the archive's features.xml lacks feature "
                        + name + ", which this peer has installed");
            }
        }
        for (String location : features.bundles()) {
            if (!FeaturesXml.PEEROS_BUNDLE.matcher(location).matches() && local.resolve(location).isEmpty()) {
                throw new UpgradeException(UpgradeException.MISSING_FEATURE, "bundle " + location + " of the archive's"
                        + " features.xml is neither in the archive nor in this peer's system repository");
            }
        }
        Path dir = extract(archive, to);
        Map<String, String> locations = new HashMap<>();
        Map<String, String> firstWaveLocations = new HashMap<>();
        List<String> heldBack = new ArrayList<>();
        boolean exporterChanged = false;
        List<String> updated = new ArrayList<>();
        List<String> kept = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Map.Entry<String, String[]> bundle : features.peerosBundles().entrySet()) {
            String path = ArchiveLayout.jarPath("io.peeros", bundle.getValue()[0], bundle.getValue()[1]);
            Path jar = dir.resolve(path);
            if (!Files.isRegularFile(jar)) {
                throw new UpgradeException(UpgradeException.MISSING_FEATURE, "bundle " + bundle.getKey()
                        + " of the archive's features.xml is not in the archive (" + path + ")");
            }
            String bsn = BundleDigest.symbolicName(jar);
            if (bsn == null) {
                throw new UpgradeException(UpgradeException.ARCHIVE_INVALID, path + " is not an OSGi bundle");
            }
            seen.add(bsn);
            String current = installed.bundles().get(bsn);
            Optional<Path> currentJar = current == null ? Optional.empty() : local.resolve(current);
            if (currentJar.isPresent() && BundleDigest.of(currentJar.get()).equals(BundleDigest.of(jar))) {
                locations.put(bundle.getKey(), current);
                firstWaveLocations.put(bundle.getKey(), current);
                kept.add(bsn);
            } else {
                locations.put(bundle.getKey(), jar.toUri().toString());
                updated.add(bsn);
                boolean holdBack = SERVED_LAST.contains(bsn) && current != null;
                firstWaveLocations.put(bundle.getKey(), holdBack ? current : jar.toUri().toString());
                if (holdBack) {
                    heldBack.add(bsn);
                } else {
                    exporterChanged |= exportsPackages(jar);
                }
            }
        }
        installed.bundles().keySet().stream().filter(bsn -> !seen.contains(bsn)).forEach(updated::add);
        Path effective = dir.resolve(EFFECTIVE);
        Files.write(effective, FeaturesXml.rewrite(archive.featuresXml(), locations::get));
        FeaturesState target = target(previous, installed, features, effective.toUri().toString(), Preparer::exactly);
        Set<String> firstWaveBundles = new TreeSet<>(updated);
        firstWaveBundles.removeAll(heldBack);
        FeaturesState firstWave = null;
        // a first wave that replaced a bundle exporting packages would refresh its importers, the served-last
        // bundles among them: then the waves gain nothing and the upgrade service would stop half-way
        if (!heldBack.isEmpty() && !firstWaveBundles.isEmpty() && !exporterChanged) {
            Path wave = dir.resolve(FIRST_WAVE);
            Files.write(wave, FeaturesXml.rewrite(archive.featuresXml(), firstWaveLocations::get));
            firstWave = target(previous, installed, features, wave.toUri().toString(), Preparer::firstWaveRange);
        }
        return new PreparedUpgrade(installed.version(), to, previous, target, List.copyOf(new TreeSet<>(updated)),
                List.copyOf(new TreeSet<>(kept)), firstWave, firstWave == null ? List.of() : List.copyOf(firstWaveBundles));
    }

    /** The requirement range of the final target: exactly the archive's version. */
    static String exactly(String osgiVersion) {
        return "[" + osgiVersion + "," + osgiVersion + "]";
    }

    /**
     * The first wave's requirement range: it admits the archive's version and no other the first-wave repository
     * holds, so it resolves the same features, but it is spelled differently from {@link #exactly}: the features
     * service's requirements then tell which wave is deployed (a deployment is queued, and it is done when the
     * requirements are its target's), and a peer restarted between the waves fails the health check's
     * "deployed requirements are the target's" test and is rolled back.
     */
    static String firstWaveRange(String osgiVersion) {
        // a version with a qualifier sorts before the same with a longer qualifier; one without, before any qualifier
        String above = osgiVersion.chars().filter(c -> c == '.').count() >= 3 ? osgiVersion + "-wave"
                : osgiVersion + ".wave";
        return "[" + osgiVersion + "," + above + ")";
    }

    /**
     * The previous state with the PeerOS repository swapped and every PeerOS feature required at its new version,
     * in the version range {@code range} makes of it.
     */
    static FeaturesState target(FeaturesState previous, PeerState installed, FeaturesXml features, String repository,
            java.util.function.UnaryOperator<String> range) {
        List<String> repositories = new ArrayList<>(previous.repositories());
        repositories.removeAll(installed.repositories());
        repositories.add(repository);
        Map<String, Set<String>> requirements = new HashMap<>();
        previous.requirements().forEach((region, reqs) -> {
            Set<String> out = new TreeSet<>();
            for (String req : reqs) {
                Matcher m = FEATURE_REQUIREMENT.matcher(req);
                String name = m.matches() ? m.group(1) : null;
                if (name != null && installed.features().containsKey(name)) {
                    String v = Versions.osgi(features.features().get(name));
                    out.add("feature:" + name + "/" + range.apply(v));
                } else {
                    out.add(req);
                }
            }
            requirements.put(region, out);
        });
        return new FeaturesState(repositories, requirements);
    }

    /** Whether the bundle exports packages: replacing it refreshes the bundles wired to it. */
    static boolean exportsPackages(Path jar) throws IOException {
        try (java.util.jar.JarFile file = new java.util.jar.JarFile(jar.toFile())) {
            java.util.jar.Manifest manifest = file.getManifest();
            String exports = manifest == null ? null : manifest.getMainAttributes().getValue("Export-Package");
            return exports != null && !exports.isBlank();
        }
    }

    private Path extract(VerifiedArchive archive, String version) throws IOException {
        Path dir = store.version(version);
        Path tmp = dir.resolveSibling(version + ".extracting");
        delete(tmp);
        Files.createDirectories(tmp);
        ArchiveVerifier.extract(archive, tmp);
        delete(dir);
        Files.move(tmp, dir, StandardCopyOption.ATOMIC_MOVE);
        return dir;
    }

    private static void delete(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var walk = Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
