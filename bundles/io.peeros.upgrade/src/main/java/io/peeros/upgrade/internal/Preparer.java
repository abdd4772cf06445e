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
 */
final class Preparer {

    static final String EFFECTIVE = "effective-features.xml";
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
                kept.add(bsn);
            } else {
                locations.put(bundle.getKey(), jar.toUri().toString());
                updated.add(bsn);
            }
        }
        installed.bundles().keySet().stream().filter(bsn -> !seen.contains(bsn)).forEach(updated::add);
        Path effective = dir.resolve(EFFECTIVE);
        Files.write(effective, FeaturesXml.rewrite(archive.featuresXml(), locations::get));
        FeaturesState target = target(previous, installed, features, effective.toUri().toString());
        return new PreparedUpgrade(installed.version(), to, previous, target, List.copyOf(new TreeSet<>(updated)),
                List.copyOf(new TreeSet<>(kept)));
    }

    /** The previous state with the PeerOS repository swapped and every PeerOS feature required at its new version. */
    static FeaturesState target(FeaturesState previous, PeerState installed, FeaturesXml features, String repository) {
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
                    out.add("feature:" + name + "/[" + v + "," + v + "]");
                } else {
                    out.add(req);
                }
            }
            requirements.put(region, out);
        });
        return new FeaturesState(repositories, requirements);
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
