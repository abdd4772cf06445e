package io.peeros.upgrade.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import io.peeros.upgrade.api.UpgradeOutcome;
import io.peeros.upgrade.api.UpgradeProgress;
import io.peeros.upgrade.api.UpgradeRecord;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** The rollback decision and the recovery of a pending upgrade, with a scripted installer and health. */
public class UpgraderTest {

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private static final FeaturesState OLD = new FeaturesState(List.of("mvn:io.peeros/peeros-features/0.1.0/xml/features"),
            Map.of("root", Set.of("feature:peeros/[0.1.0,0.1.0]")));
    private static final FeaturesState NEW = new FeaturesState(List.of("file:/data/versions/0.2.0/effective-features.xml"),
            Map.of("root", Set.of("feature:peeros/[0.2.0,0.2.0]")));
    private static final HealthBaseline BASELINE = new HealthBaseline(Set.of("io.peeros.vpn/SwarmManager"),
            Set.of("peer:id"), Set.of(), Map.of("web-1", 4242), true, true);

    private UpgradeStore store;
    private final FakeInstaller installer = new FakeInstaller();
    private final ScriptedHealth health = new ScriptedHealth();
    private final AtomicBoolean active = new AtomicBoolean(true);

    @Before
    public void setUp() {
        store = new UpgradeStore(tmp.getRoot().toPath());
    }

    private Upgrader upgrader() {
        return new Upgrader(store, installer, health, Duration.ofSeconds(2), Clock.systemUTC(), active::get);
    }

    private static PreparedUpgrade prepared() {
        return new PreparedUpgrade("0.1.0", "0.2.0", OLD, NEW, List.of("io.peeros.vpn"), List.of("io.peeros.shell"));
    }

    @Test
    public void aHealthyUpgradeSucceedsAndIsRecorded() {
        UpgradeRecord record = upgrader().apply(prepared(), "file /tmp/a.zip", Instant.now(), UpgradeProgress.NONE);
        assertEquals(UpgradeOutcome.SUCCEEDED, record.outcome());
        assertFalse(record.rolledBack());
        assertEquals(List.of(NEW), installer.applied);
        assertTrue(store.pending().isEmpty());
        assertEquals(List.of(record), store.history());
    }

    @Test
    public void aFailedCheckRollsBackToThePreviousStateAndNamesTheCheck() {
        health.failUntilApplied = NEW;
        health.installer = installer;
        UpgradeRecord record = upgrader().apply(prepared(), "file /tmp/a.zip", Instant.now(), UpgradeProgress.NONE);
        assertEquals(UpgradeOutcome.ROLLED_BACK, record.outcome());
        assertTrue(record.rolledBack());
        assertEquals(List.of(NEW, OLD), installer.applied);
        assertEquals(List.of("component io.peeros.vpn/SwarmManager is not active"), record.failedChecks());
        assertTrue(store.pending().isEmpty());
        assertEquals(UpgradeOutcome.ROLLED_BACK, store.history().get(0).outcome());
    }

    @Test
    public void aRollbackThatStaysUnhealthyIsRecordedAsFailed() {
        health.alwaysFail = true;
        UpgradeRecord record = upgrader().apply(prepared(), "store", Instant.now(), UpgradeProgress.NONE);
        assertEquals(UpgradeOutcome.ROLLBACK_FAILED, record.outcome());
        assertTrue(record.failedChecks().stream().anyMatch(f -> f.startsWith("after rollback: ")));
    }

    @Test
    public void anInstallErrorRollsBackWithoutWaitingForTheCheck() {
        installer.failOn = NEW;
        UpgradeRecord record = upgrader().apply(prepared(), "store", Instant.now(), UpgradeProgress.NONE);
        assertEquals(UpgradeOutcome.ROLLED_BACK, record.outcome());
        assertTrue(record.failedChecks().get(0), record.failedChecks().get(0).startsWith("install: "));
        assertEquals(List.of(NEW, OLD), installer.applied);
    }

    @Test
    public void whenTheServiceIsDeactivatedDuringTheInstallTheNextRevisionFinishesFromThePendingRecord() {
        installer.onApply = () -> active.set(false);
        assertNull(upgrader().apply(prepared(), "store", Instant.now(), UpgradeProgress.NONE));
        PendingUpgrade pending = store.pending().orElseThrow();
        assertEquals(PendingUpgrade.Phase.APPLYING, pending.phase());
        assertEquals(OLD, pending.previous());
        assertEquals(BASELINE, pending.baseline());
        assertTrue(store.history().isEmpty());

        // the next revision (a new Upgrader over the same store) finishes it
        installer.onApply = null;
        active.set(true);
        UpgradeRecord record = upgrader().resume(store.pending().orElseThrow(), UpgradeProgress.NONE);
        assertEquals(UpgradeOutcome.SUCCEEDED, record.outcome());
        assertTrue(store.pending().isEmpty());
        assertEquals(1, store.history().size());
    }

    @Test
    public void whenTheDeploymentReturnsBeforeReplacingThisBundleTheOldRevisionLeavesTheCheckToTheNewOne() {
        PreparedUpgrade self = new PreparedUpgrade("0.1.0", "0.2.0", OLD, NEW, List.of("io.peeros.upgrade"), List.of());
        // Karaf returns to the caller first and stops the caller's bundle a moment later
        installer.onApply = () -> new Thread(() -> {
            try {
                Thread.sleep(300);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            active.set(false);
        }).start();
        assertNull(upgrader().apply(self, "store", Instant.now(), UpgradeProgress.NONE));
        assertEquals(PendingUpgrade.Phase.APPLYING, store.pending().orElseThrow().phase());
        assertTrue("the old revision recorded nothing", store.history().isEmpty());
    }

    @Test
    public void aSelfUpdateThatLeavesThisRevisionActiveIsFinishedByIt() {
        PreparedUpgrade self = new PreparedUpgrade("0.1.0", "0.2.0", OLD, NEW, List.of("io.peeros.upgrade.api"),
                List.of());
        UpgradeRecord record = upgrader().apply(self, "store", Instant.now(), UpgradeProgress.NONE);
        assertEquals(UpgradeOutcome.SUCCEEDED, record.outcome());
    }

    @Test
    public void anInterruptedRollbackIsFinishedOnRestart() {
        PendingUpgrade rolling = new PendingUpgrade("id-1", Instant.now(), "0.1.0", "0.2.0", "store",
                PendingUpgrade.Phase.ROLLING_BACK, OLD, NEW, BASELINE, List.of("io.peeros.vpn"),
                List.of("rest: GET /api/v1/peer answered 404"));
        store.savePending(rolling);
        UpgradeRecord record = upgrader().resume(store.pending().orElseThrow(), UpgradeProgress.NONE);
        assertEquals(UpgradeOutcome.ROLLED_BACK, record.outcome());
        assertEquals(List.of(OLD), installer.applied);
        assertEquals(List.of("rest: GET /api/v1/peer answered 404"), record.failedChecks());
        assertTrue(store.pending().isEmpty());
    }

    @Test
    public void anUpgradeInterruptedBeforeItsDeploymentIsRolledBackOnRestart() {
        // Karaf stopped before the deployment finished: the old features state is still what is deployed, and
        // the peer looks as healthy as before; the upgrade must not count as done.
        PendingUpgrade applying = new PendingUpgrade("id-2", Instant.now(), "0.1.0", "0.2.0", "store",
                PendingUpgrade.Phase.APPLYING, OLD, NEW, BASELINE, List.of("io.peeros.vpn"), List.of());
        store.savePending(applying);
        UpgradeRecord record = upgrader().resume(store.pending().orElseThrow(), UpgradeProgress.NONE);
        assertEquals(UpgradeOutcome.ROLLED_BACK, record.outcome());
        assertTrue(record.failedChecks().get(0), record.failedChecks().get(0).startsWith("features: PeerOS 0.2.0"));
        assertEquals(List.of(OLD), installer.applied);
    }

    private static final FeaturesState WAVE1 = new FeaturesState(
            List.of("file:/data/versions/0.2.0/first-wave-features.xml"),
            Map.of("root", Set.of("feature:peeros/[0.2.0,0.2.0.wave)")));

    private static PreparedUpgrade inWaves() {
        return new PreparedUpgrade("0.1.0", "0.2.0", OLD, NEW, List.of("io.peeros.rest", "io.peeros.vpn"),
                List.of("io.peeros.shell"), WAVE1, List.of("io.peeros.vpn"));
    }

    @Test
    public void twoWavesDeployTheFirstWaveThenTheTargetWithThePendingRecordSavedBeforeEither() {
        List<PendingUpgrade> pendingAtEachWave = new ArrayList<>();
        installer.onApply = () -> pendingAtEachWave.add(store.pending().orElseThrow());
        List<String> steps = new ArrayList<>();
        UpgradeRecord record = upgrader().apply(inWaves(), "store", Instant.now(), steps::add);
        assertEquals(UpgradeOutcome.SUCCEEDED, record.outcome());
        assertEquals(List.of(WAVE1, NEW), installer.applied);
        assertEquals(2, pendingAtEachWave.size());
        for (PendingUpgrade pending : pendingAtEachWave) {
            assertEquals(OLD, pending.previous());
            assertEquals(NEW, pending.target());
            assertEquals(PendingUpgrade.Phase.APPLYING, pending.phase());
        }
        assertTrue(steps.toString(), steps.stream().anyMatch(s -> s.contains("wave 1 of 2: updating [io.peeros.vpn],"
                + " holding back [io.peeros.rest]")));
        assertTrue(steps.toString(), steps.stream().anyMatch(s -> s.contains("wave 2 of 2: updating [io.peeros.rest]")));
        assertTrue(store.pending().isEmpty());
    }

    @Test
    public void aFirstWaveThatFailsRollsBackWithoutTheSecond() {
        installer.failOn = WAVE1;
        UpgradeRecord record = upgrader().apply(inWaves(), "store", Instant.now(), UpgradeProgress.NONE);
        assertEquals(UpgradeOutcome.ROLLED_BACK, record.outcome());
        assertTrue(record.failedChecks().get(0), record.failedChecks().get(0).startsWith("install (wave 1): "));
        assertEquals(List.of(WAVE1, OLD), installer.applied);
    }

    @Test
    public void aSecondWaveThatFailsRollsBackBothWaves() {
        installer.failOn = NEW;
        UpgradeRecord record = upgrader().apply(inWaves(), "store", Instant.now(), UpgradeProgress.NONE);
        assertEquals(UpgradeOutcome.ROLLED_BACK, record.outcome());
        assertEquals(List.of(WAVE1, NEW, OLD), installer.applied);
    }

    @Test
    public void aPeerStoppedBetweenTheWavesIsRolledBackOnRestart() {
        // Karaf stops after the first wave: the first wave's requirements are deployed, not the target's
        installer.onApply = () -> active.set(false);
        assertNull(upgrader().apply(inWaves(), "store", Instant.now(), UpgradeProgress.NONE));
        assertEquals(List.of(WAVE1), installer.applied);
        assertEquals(OLD, store.pending().orElseThrow().previous());

        installer.onApply = null;
        active.set(true);
        UpgradeRecord record = upgrader().resume(store.pending().orElseThrow(), UpgradeProgress.NONE);
        assertEquals(UpgradeOutcome.ROLLED_BACK, record.outcome());
        assertTrue(record.failedChecks().get(0), record.failedChecks().get(0).startsWith("features: PeerOS 0.2.0"));
        assertEquals(List.of(WAVE1, OLD), installer.applied);
        assertTrue(store.pending().isEmpty());
    }

    @Test
    public void aDryRunAppliesNothing() throws Exception {
        UpgradeRecord record = upgrader().dryRun(prepared(), "store", Instant.now(), UpgradeProgress.NONE);
        assertEquals(UpgradeOutcome.DRY_RUN, record.outcome());
        assertEquals(List.of(NEW), installer.simulated);
        assertTrue(installer.applied.isEmpty());
    }

    @Test
    public void historySurvivesANewStoreOverTheSameDirectory() {
        UpgradeRecord record = new UpgradeRecord("x", Instant.parse("2026-11-21T17:00:00Z"), 1234, "0.1.0", "0.2.0",
                "peer abc", UpgradeOutcome.ROLLED_BACK, List.of("shell: peer:id failed"), true,
                List.of("io.peeros.rest"), "rolled back");
        store.append(record);
        assertEquals(List.of(record), new UpgradeStore(tmp.getRoot().toPath()).history());
    }

    private static final class FakeInstaller implements Installer {
        final List<FeaturesState> applied = new ArrayList<>();
        final List<FeaturesState> simulated = new ArrayList<>();
        FeaturesState failOn;
        Runnable onApply;

        @Override
        public FeaturesState current() {
            return applied.isEmpty() ? OLD : applied.get(applied.size() - 1);
        }

        @Override
        public void apply(FeaturesState target, boolean simulate) {
            if (simulate) {
                simulated.add(target);
                return;
            }
            applied.add(target);
            if (onApply != null) {
                onApply.run();
            }
            if (target.equals(failOn)) {
                throw new IllegalStateException("Unable to resolve root: missing requirement");
            }
        }
    }

    private static final class ScriptedHealth implements HealthProbe {
        FeaturesState failUntilApplied;
        FakeInstaller installer;
        boolean alwaysFail;

        @Override
        public HealthBaseline capture() {
            return BASELINE;
        }

        @Override
        public List<String> failures(HealthBaseline before) {
            boolean broken = alwaysFail || (installer != null && installer.current().equals(failUntilApplied));
            return broken ? List.of("component io.peeros.vpn/SwarmManager is not active") : List.of();
        }
    }
}
