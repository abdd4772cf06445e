package io.peeros.upgrade.internal;

import io.peeros.upgrade.api.UpgradeOutcome;
import io.peeros.upgrade.api.UpgradeProgress;
import io.peeros.upgrade.api.UpgradeRecord;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.BooleanSupplier;

/**
 * Applies a prepared upgrade and decides its outcome: the pending record is saved before anything changes (before
 * the first wave when there are two, so its previous state covers both), the
 * health check compares the peer with its baseline, and a failed check restores the previous features state and
 * checks again. {@link #resume} finishes an upgrade another revision of this service (or a previous run of Karaf)
 * started.
 */
final class Upgrader {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Upgrader.class);

    private final UpgradeStore store;
    private final Installer installer;
    private final HealthProbe health;
    private final Duration healthTimeout;
    private final Clock clock;
    /** False once the component that runs this has been deactivated (e.g. its bundle is being updated). */
    private final BooleanSupplier active;

    Upgrader(UpgradeStore store, Installer installer, HealthProbe health, Duration healthTimeout, Clock clock,
            BooleanSupplier active) {
        this.store = store;
        this.installer = installer;
        this.health = health;
        this.healthTimeout = healthTimeout;
        this.clock = clock;
        this.active = active;
    }

    /** Simulates the deployment: nothing changes. */
    UpgradeRecord dryRun(PreparedUpgrade upgrade, String source, Instant started, UpgradeProgress progress)
            throws Exception {
        progress.step("Simulating the deployment (feature:install -u -t)...");
        installer.apply(upgrade.target(), true);
        UpgradeRecord record = new UpgradeRecord(UUID.randomUUID().toString(), started, millisSince(started),
                upgrade.fromVersion(), upgrade.toVersion(), source, UpgradeOutcome.DRY_RUN, List.of(), false,
                upgrade.updatedBundles(), "dry run: would update " + upgrade.updatedBundles() + ", keep "
                        + upgrade.keptBundles().size() + " bundles unchanged");
        store.append(record);
        return record;
    }

    /**
     * Installs the upgrade, checks and, on failure, rolls back. Returns {@code null} when this service was
     * deactivated meanwhile: the revision active after it finishes from the pending record.
     */
    UpgradeRecord apply(PreparedUpgrade upgrade, String source, Instant started, UpgradeProgress progress) {
        progress.step("Recording the installed state (" + upgrade.fromVersion() + ") and the health baseline...");
        HealthBaseline baseline = health.capture();
        progress.step("Baseline: " + baseline.components().size() + " PeerOS components active, "
                + baseline.commands().size() + " shell commands, shell " + (baseline.shellAnswered() ? "answers" : "silent")
                + ", REST " + (baseline.restAnswered() ? "answers" : "silent") + ", " + baseline.swarms().size()
                + " swarms up, " + baseline.containerPids().size() + " containers running.");
        PendingUpgrade pending = new PendingUpgrade(UUID.randomUUID().toString(), started, upgrade.fromVersion(),
                upgrade.toVersion(), source, PendingUpgrade.Phase.APPLYING, upgrade.previous(), upgrade.target(),
                baseline, upgrade.updatedBundles(), List.of());
        store.savePending(pending);
        List<String> installFailure = null;
        if (upgrade.firstWave() != null) {
            progress.step("Installing PeerOS " + upgrade.toVersion() + ", wave 1 of 2: updating "
                    + upgrade.firstWaveBundles() + ", holding back " + upgrade.lastWaveBundles() + ", keeping "
                    + upgrade.keptBundles().size() + " unchanged bundles...");
            try {
                installer.apply(upgrade.firstWave(), false);
            } catch (Exception e) {
                installFailure = List.of("install (wave 1): " + e.getMessage());
            }
            if (!active.getAsBoolean()) {
                // refreshed by the first wave: the next revision finds the first wave's requirements deployed,
                // not the target's, and rolls back from the pending record
                return null;
            }
            if (installFailure == null) {
                progress.step("Wave 1 of 2 deployed; wave 2 of 2: updating " + upgrade.lastWaveBundles() + "...");
            }
        } else {
            progress.step("Installing PeerOS " + upgrade.toVersion() + ": updating " + upgrade.updatedBundles()
                    + ", keeping " + upgrade.keptBundles().size() + " unchanged bundles...");
        }
        if (installFailure == null) {
            try {
                installer.apply(upgrade.target(), false);
            } catch (Exception e) {
                installFailure = List.of("install: " + e.getMessage());
            }
        }
        if (installFailure == null && replacesItself(upgrade) && awaitDeactivation()) {
            return null;
        }
        if (!active.getAsBoolean()) {
            return null;
        }
        return finish(pending, installFailure, progress);
    }

    /** Whether the deployment replaces or refreshes this service's own bundle. */
    static boolean replacesItself(PreparedUpgrade upgrade) {
        return upgrade.updatedBundles().contains("io.peeros.upgrade")
                || upgrade.updatedBundles().contains("io.peeros.upgrade.api");
    }

    /**
     * Karaf's deployment can return to its caller before it stops the caller's own bundle; when this bundle is
     * being replaced, the new revision finishes, so wait (bounded) to be deactivated rather than check the old
     * state. {@code false} when this revision is still active at the end: then the deployment did not replace it,
     * and it finishes itself.
     */
    private boolean awaitDeactivation() {
        Instant deadline = clock.instant().plus(healthTimeout);
        while (active.getAsBoolean() && clock.instant().isBefore(deadline)) {
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return !active.getAsBoolean();
    }

    /** Finishes the pending upgrade after a self-update or a restart. */
    UpgradeRecord resume(PendingUpgrade pending, UpgradeProgress progress) {
        if (pending.phase() == PendingUpgrade.Phase.APPLYING) {
            return finish(pending, null, progress);
        }
        return rollBack(pending, progress);
    }

    private UpgradeRecord finish(PendingUpgrade pending, List<String> installFailure, UpgradeProgress progress) {
        List<String> failures = installFailure;
        if (failures == null) {
            progress.step("Checking the peer's health (at most " + healthTimeout.toSeconds() + " s)...");
            failures = awaitHealthy(pending.baseline(), pending.target(), pending.toVersion());
            if (failures == null) {
                return null;
            }
        }
        if (failures.isEmpty()) {
            progress.step("Healthy: PeerOS " + pending.toVersion() + " is installed.");
            return done(pending, UpgradeOutcome.SUCCEEDED, List.of(), false,
                    "upgraded from " + pending.fromVersion() + " to " + pending.toVersion());
        }
        failures.forEach(f -> progress.step("  check failed: " + f));
        PendingUpgrade rolling = pending.rollingBack(failures);
        store.savePending(rolling);
        return rollBack(rolling, progress);
    }

    private UpgradeRecord rollBack(PendingUpgrade pending, UpgradeProgress progress) {
        progress.step("Rolling back to PeerOS " + pending.fromVersion() + "...");
        List<String> failed = new ArrayList<>(pending.failedChecks());
        if (!active.getAsBoolean()) {
            return null;
        }
        try {
            installer.apply(pending.previous(), false);
        } catch (Exception e) {
            failed.add("rollback install: " + e.getMessage());
        }
        if (!active.getAsBoolean()) {
            return null;
        }
        List<String> after = awaitHealthy(pending.baseline(), pending.previous(), pending.fromVersion());
        if (after == null) {
            return null;
        }
        after.forEach(f -> failed.add("after rollback: " + f));
        boolean ok = after.isEmpty() && failed.size() == pending.failedChecks().size();
        progress.step(ok ? "Rolled back: PeerOS " + pending.fromVersion() + " is installed and healthy."
                : "Rollback did not restore a healthy peer: " + failed);
        return done(pending, ok ? UpgradeOutcome.ROLLED_BACK : UpgradeOutcome.ROLLBACK_FAILED, failed, true,
                "health check failed after installing " + pending.toVersion() + "; "
                        + (ok ? "rolled back to " : "rollback incomplete, ") + pending.fromVersion());
    }

    private UpgradeRecord done(PendingUpgrade pending, UpgradeOutcome outcome, List<String> failed,
            boolean rolledBack, String message) {
        UpgradeRecord record = new UpgradeRecord(pending.id(), pending.started(), millisSince(pending.started()),
                pending.fromVersion(), pending.toVersion(), pending.source(), outcome, failed, rolledBack,
                pending.updatedBundles(), message);
        store.append(record);
        store.clearPending();
        return record;
    }

    /**
     * Polls the checks until they pass twice in a row (a component that activates and then fails is caught) or
     * the timeout ends; returns the last failures, or {@code null} when this service was deactivated meanwhile
     * (its successor checks).
     */
    List<String> awaitHealthy(HealthBaseline baseline, FeaturesState expected, String version) {
        Instant deadline = clock.instant().plus(healthTimeout);
        int passes = 0;
        List<String> last = null;
        while (true) {
            if (!active.getAsBoolean()) {
                return null;
            }
            List<String> failures = new ArrayList<>();
            try {
                // after a restart in the middle, the deployment may never have finished: the peer must run the
                // version the check is about, not merely be as healthy as before
                FeaturesState deployed = installer.current();
                if (!deployed.requirements().equals(expected.requirements())) {
                    failures.add("features: PeerOS " + version + " is not what the features service has deployed ("
                            + deployed.requirements() + ", expected " + expected.requirements() + ")");
                }
                failures.addAll(health.failures(baseline));
            } catch (RuntimeException e) {
                failures.add("health check error: " + e);
            }
            if (!failures.equals(last)) {
                LOG.info("Health check: {}", failures.isEmpty() ? "passed" : failures);
                last = failures;
            }
            passes = failures.isEmpty() ? passes + 1 : 0;
            if (passes >= 2 || !clock.instant().isBefore(deadline)) {
                return failures;
            }
            try {
                Thread.sleep(passes > 0 ? 1000 : 500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return List.of("interrupted while checking");
            }
        }
    }

    private long millisSince(Instant started) {
        return Duration.between(started, clock.instant()).toMillis();
    }
}
