package io.peeros.upgrade.internal;

import java.util.List;

/**
 * A verified, extracted archive and the deployment that installs it.
 *
 * @param updatedBundles the PeerOS bundles the deployment changes (updated, added or removed), by symbolic name
 * @param keptBundles the PeerOS bundles whose content is the same, kept as installed
 */
record PreparedUpgrade(String fromVersion, String toVersion, FeaturesState previous, FeaturesState target,
        List<String> updatedBundles, List<String> keptBundles) {
}
