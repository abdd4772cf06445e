package io.peeros.upgrade.internal;

import java.net.URI;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.karaf.features.FeaturesService;
import org.apache.karaf.features.FeaturesService.Option;
import org.apache.karaf.features.Repository;

/**
 * The features service as an {@link Installer}: {@code updateReposAndRequirements} swaps the repositories and the
 * required feature versions in one deployment (what {@code feature:install -u} does feature by feature). It only
 * queues the deployment and returns, so {@link #apply} waits for it ({@link DeploymentWatch}). The deployer leaves
 * every bundle whose location is unchanged alone, replaces the others and refreshes only the bundles wired to
 * them; auto-refresh stays on, since an updated API bundle must rewire its consumers.
 */
final class KarafInstaller implements Installer {

    private static final Pattern FEATURE = Pattern.compile("feature:(.+)");

    private final FeaturesService features;
    private final java.time.Duration timeout;

    /** @param timeout how long a deployment may take before it counts as failed */
    KarafInstaller(FeaturesService features, java.time.Duration timeout) {
        this.features = features;
        this.timeout = timeout;
    }

    @Override
    public FeaturesState current() {
        try {
            List<String> repositories = Stream.of(features.listRepositories()).map(Repository::getURI)
                    .map(URI::toString).toList();
            return new FeaturesState(repositories, features.listRequirements());
        } catch (Exception e) {
            throw new IllegalStateException("cannot read the features service's state: " + e.getMessage(), e);
        }
    }

    @Override
    public void apply(FeaturesState target, boolean simulate) throws Exception {
        if (simulate) {
            simulate(target);
            return;
        }
        DeploymentWatch watch = new DeploymentWatch();
        features.registerListener(watch);
        try {
            features.updateReposAndRequirements(uris(target.repositories()), copy(target.requirements()),
                    EnumSet.of(Option.Verbose));
            watch.await(() -> current().requirements().equals(target.requirements()), timeout);
        } finally {
            features.unregisterListener(watch);
        }
    }

    /**
     * {@code feature:install -u -t}: the target's new repositories added, its new feature requirements simulated
     * with {@link Option#Upgrade} (synchronous: a resolution failure is thrown here), the repositories removed again.
     */
    private void simulate(FeaturesState target) throws Exception {
        FeaturesState before = current();
        List<URI> added = new ArrayList<>();
        try {
            for (String repository : target.repositories()) {
                if (!before.repositories().contains(repository)) {
                    features.addRepository(URI.create(repository));
                    added.add(URI.create(repository));
                }
            }
            for (Map.Entry<String, Set<String>> region : target.requirements().entrySet()) {
                Set<String> wanted = new LinkedHashSet<>();
                Set<String> had = before.requirements().getOrDefault(region.getKey(), Set.of());
                for (String requirement : region.getValue()) {
                    Matcher m = FEATURE.matcher(requirement);
                    if (m.matches() && !had.contains(requirement)) {
                        wanted.add(m.group(1));
                    }
                }
                if (!wanted.isEmpty()) {
                    features.installFeatures(wanted, region.getKey(),
                            EnumSet.of(Option.Upgrade, Option.Simulate, Option.Verbose));
                }
            }
        } finally {
            for (URI repository : added) {
                features.removeRepository(repository, false);
            }
        }
    }

    private static Set<URI> uris(List<String> repositories) {
        Set<URI> out = new LinkedHashSet<>();
        repositories.forEach(r -> out.add(URI.create(r)));
        return out;
    }

    private static Map<String, Set<String>> copy(Map<String, Set<String>> requirements) {
        Map<String, Set<String>> out = new java.util.HashMap<>();
        requirements.forEach((k, v) -> out.put(k, new LinkedHashSet<>(v)));
        return out;
    }
}
