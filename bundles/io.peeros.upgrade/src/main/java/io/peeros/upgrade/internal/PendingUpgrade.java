package io.peeros.upgrade.internal;

import java.time.Instant;
import java.util.List;

/**
 * An upgrade that has started to change the peer, persisted (atomically) before the change: whichever revision of
 * the upgrade service runs next, after a self-update or a restart, finishes the health check and the rollback
 * from it.
 *
 * @param phase what was under way when it was written
 */
record PendingUpgrade(String id, Instant started, String fromVersion, String toVersion, String source,
        Phase phase, FeaturesState previous, FeaturesState target, HealthBaseline baseline,
        List<String> updatedBundles, List<String> failedChecks) {

    enum Phase {
        /** The new version is being installed, or was installed and is being checked. */
        APPLYING,
        /** The check failed and the previous version is being restored. */
        ROLLING_BACK
    }

    PendingUpgrade {
        updatedBundles = List.copyOf(updatedBundles);
        failedChecks = List.copyOf(failedChecks);
    }

    PendingUpgrade rollingBack(List<String> failures) {
        return new PendingUpgrade(id, started, fromVersion, toVersion, source, Phase.ROLLING_BACK, previous, target,
                baseline, updatedBundles, failures);
    }
}
