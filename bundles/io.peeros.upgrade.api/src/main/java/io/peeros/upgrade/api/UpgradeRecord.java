package io.peeros.upgrade.api;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One upgrade as the history keeps it.
 *
 * @param id a unique id of the attempt
 * @param started when it started
 * @param durationMillis how long it took, verification to the last health check
 * @param fromVersion the PeerOS version installed before
 * @param toVersion the version of the archive
 * @param source where the archive came from ({@code file /path}, {@code peer <id>}, {@code store})
 * @param outcome how it ended
 * @param failedChecks the health checks that failed after the install (empty when none ran or all passed)
 * @param rolledBack whether the previous version was restored
 * @param updatedBundles the symbolic names of the bundles the archive changed (updated, added or removed)
 * @param message a one-line summary, the error for a refusal
 */
public record UpgradeRecord(String id, Instant started, long durationMillis, String fromVersion, String toVersion,
        String source, UpgradeOutcome outcome, List<String> failedChecks, boolean rolledBack,
        List<String> updatedBundles, String message) {

    public UpgradeRecord {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(started, "started");
        Objects.requireNonNull(outcome, "outcome");
        failedChecks = List.copyOf(failedChecks);
        updatedBundles = List.copyOf(updatedBundles);
    }
}
