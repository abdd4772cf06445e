package io.peeros.rest.internal.dto;

import java.util.List;

/**
 * One upgrade attempt.
 *
 * @param id the attempt's id
 * @param started when it started, ISO-8601
 * @param durationMillis how long it took
 * @param fromVersion the version installed before
 * @param toVersion the archive's version (empty when it was refused before its version was known)
 * @param source {@code file <path>}, {@code peer <id>} or {@code store}
 * @param outcome SUCCEEDED, DRY_RUN, REFUSED, ROLLED_BACK, ROLLBACK_FAILED or RUNNING
 * @param failedChecks the health checks that failed
 * @param rolledBack whether the previous version was restored
 * @param updatedBundles the bundles the archive changed
 * @param message a one-line summary
 */
public record UpgradeRecordDto(String id, String started, long durationMillis, String fromVersion, String toVersion,
        String source, String outcome, List<String> failedChecks, boolean rolledBack, List<String> updatedBundles,
        String message) {
}
