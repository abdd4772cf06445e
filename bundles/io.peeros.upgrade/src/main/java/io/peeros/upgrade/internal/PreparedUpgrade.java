package io.peeros.upgrade.internal;

import java.util.List;

/**
 * A verified, extracted archive and the deployment that installs it.
 *
 * @param updatedBundles the PeerOS bundles the deployment changes (updated, added or removed), by symbolic name
 * @param keptBundles the PeerOS bundles whose content is the same, kept as installed
 * @param firstWave the deployment that goes before {@code target}, replacing every updated bundle except those
 *     {@linkplain Preparer#SERVED_LAST served last}; {@code null} when one deployment does it all
 * @param firstWaveBundles the bundles the first wave updates (empty without one)
 */
record PreparedUpgrade(String fromVersion, String toVersion, FeaturesState previous, FeaturesState target,
        List<String> updatedBundles, List<String> keptBundles, FeaturesState firstWave, List<String> firstWaveBundles) {

    PreparedUpgrade {
        firstWaveBundles = List.copyOf(firstWaveBundles);
    }

    /** A single deployment. */
    PreparedUpgrade(String fromVersion, String toVersion, FeaturesState previous, FeaturesState target,
            List<String> updatedBundles, List<String> keptBundles) {
        this(fromVersion, toVersion, previous, target, updatedBundles, keptBundles, null, List.of());
    }

    /** The bundles the last wave updates: all of them without a first wave. */
    List<String> lastWaveBundles() {
        return updatedBundles.stream().filter(b -> !firstWaveBundles.contains(b)).toList();
    }
}
