package io.peeros.upgrade.internal;

import java.net.URI;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.karaf.features.FeaturesService;
import org.apache.karaf.features.FeaturesService.Option;
import org.apache.karaf.features.Repository;

/**
 * The features service as an {@link Installer}: {@code updateReposAndRequirements} swaps the repository and the
 * required versions in one deployment, which is what {@code feature:install -u} does feature by feature. It
 * returns before the deployment has run, so {@link #apply} waits for it and checks that it took. The
 * deployer updates a bundle in place when its location changes and refreshes only the updated bundles and those
 * wired to them (auto-refresh stays on: an updated API bundle must rewire its consumers).
 */
final class KarafInstaller implements Installer {

    private final FeaturesService features;

    KarafInstaller(FeaturesService features) {
        this.features = features;
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
        FeaturesState before = simulate ? current() : null;
        EnumSet<Option> options = simulate ? EnumSet.of(Option.Simulate, Option.Verbose) : EnumSet.of(Option.Verbose);
        try {
            features.updateReposAndRequirements(uris(target.repositories()), copy(target.requirements()), options);
        } finally {
            if (simulate) {
                // updateReposAndRequirements saves the repository list even when it only simulates
                features.updateReposAndRequirements(uris(before.repositories()), copy(before.requirements()),
                        EnumSet.of(Option.Simulate));
            }
            awaitDeployments();
        }
        if (!simulate && !current().requirements().equals(target.requirements())) {
            throw new IllegalStateException("the features service did not deploy " + target.requirements()
                    + " (it has " + current().requirements() + "); see data/log/karaf.log");
        }
    }

    /**
     * Waits for the deployments queued so far. {@code updateReposAndRequirements} only queues its deployment on
     * the features service's single deployment thread and returns; a simulated provisioning of nothing, which
     * waits for its turn on that thread, returns once they are done.
     */
    private void awaitDeployments() throws Exception {
        features.updateFeaturesState(Map.of(), EnumSet.of(Option.Simulate));
    }

    private static Set<URI> uris(List<String> repositories) {
        Set<URI> out = new LinkedHashSet<>();
        repositories.forEach(r -> out.add(URI.create(r)));
        return out;
    }

    private static Map<String, Set<String>> copy(Map<String, Set<String>> requirements) {
        Map<String, Set<String>> out = new HashMap<>();
        requirements.forEach((k, v) -> out.put(k, new LinkedHashSet<>(v)));
        return out;
    }
}
