package io.peeros.upgrade.internal;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The part of the features service's state an upgrade changes and a rollback restores: the repositories and the
 * required features per region.
 *
 * @param repositories the repository URIs
 * @param requirements region to requirements ({@code feature:peeros/[0.1.0,0.1.0]})
 */
record FeaturesState(List<String> repositories, Map<String, Set<String>> requirements) {

    FeaturesState {
        repositories = List.copyOf(new TreeSet<>(repositories));
        Map<String, Set<String>> copy = new TreeMap<>();
        requirements.forEach((region, reqs) -> copy.put(region, new TreeSet<>(reqs)));
        requirements = copy;
    }
}
