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
 * The features service as an {@link Installer}, through its synchronous calls only: add the target's new
 * repositories, {@code installFeatures} of the target's new feature requirements with {@link Option#Upgrade} (what
 * {@code feature:install -u} does: the requirement of another version of the same feature is replaced, in one
 * deployment), then remove the repositories the target no longer has. ({@code updateReposAndRequirements} would do
 * it in one call, but only queues its deployment and returns before it has run.) The deployer leaves every bundle
 * whose location is unchanged alone, replaces the others and refreshes only the bundles wired to them; auto-refresh
 * stays on, since an updated API bundle must rewire its consumers.
 */
final class KarafInstaller implements Installer {

    private static final Pattern FEATURE = Pattern.compile("feature:(.+)");

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
        FeaturesState before = current();
        List<URI> added = new ArrayList<>();
        for (String repository : target.repositories()) {
            if (!before.repositories().contains(repository)) {
                features.addRepository(URI.create(repository));
                added.add(URI.create(repository));
            }
        }
        try {
            EnumSet<Option> options = EnumSet.of(Option.Upgrade, Option.Verbose);
            if (simulate) {
                options.add(Option.Simulate);
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
                    features.installFeatures(wanted, region.getKey(), options);
                }
            }
        } catch (Exception e) {
            for (URI repository : added) {
                features.removeRepository(repository, false);
            }
            throw e;
        }
        List<String> drop = new ArrayList<>(before.repositories());
        drop.removeAll(target.repositories());
        for (URI repository : simulate ? added : drop.stream().map(URI::create).toList()) {
            features.removeRepository(repository, false);
        }
        if (!simulate && !current().requirements().equals(target.requirements())) {
            throw new IllegalStateException("the features service did not deploy " + target.requirements()
                    + " (it has " + current().requirements() + "); see data/log/karaf.log");
        }
    }
}
