package io.peeros.shell.internal.peer;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import io.peeros.shell.internal.CommandFailure;
import io.peeros.shell.internal.Console;
import io.peeros.upgrade.api.AvailableUpgrade;
import io.peeros.upgrade.api.UpgradeException;
import io.peeros.upgrade.api.UpgradeOutcome;
import io.peeros.upgrade.api.UpgradeProgress;
import io.peeros.upgrade.api.UpgradeRecord;
import io.peeros.upgrade.api.UpgradeRequest;
import io.peeros.upgrade.api.UpgradeService;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.Rule;
import org.junit.Test;

public class UpgradeCommandTest {

    @Rule
    public final Console console = new Console();

    private final ScriptedUpgrades upgrades = new ScriptedUpgrades();

    private UpgradeCommand command() {
        UpgradeCommand command = new UpgradeCommand();
        command.upgrades = upgrades;
        command.zone = ZoneOffset.UTC;
        return command;
    }

    @Test
    public void aFileIsUpgradedFromWithItsStepsPrinted() throws Exception {
        UpgradeCommand command = command();
        command.target = "/tmp/peeros-upgrade-0.2.0.zip";
        console.run(command);
        assertEquals(Path.of("/tmp/peeros-upgrade-0.2.0.zip"), upgrades.requests.get(0).file());
        assertTrue(console.out(), console.out().contains("Verifying..."));
        assertTrue(console.out(), console.out().contains("SUCCEEDED: upgraded"));
    }

    @Test
    public void aBareVersionIsAKeptVersionAndFromNamesThePeer() throws Exception {
        UpgradeCommand command = command();
        command.target = "0.2.0";
        command.dryRun = true;
        console.run(command);
        UpgradeRequest kept = upgrades.requests.get(0);
        assertNull(kept.file());
        assertEquals("0.2.0", kept.version());
        assertTrue(kept.dryRun());

        UpgradeCommand from = command();
        from.fromPeer = "ab".repeat(32);
        console.run(from);
        assertEquals("ab".repeat(32), upgrades.requests.get(1).fromPeer());
        assertNull(upgrades.requests.get(1).version());
    }

    @Test
    public void aRollbackFailsTheCommandWithTheFailedChecks() {
        upgrades.outcome = UpgradeOutcome.ROLLED_BACK;
        UpgradeCommand command = command();
        command.target = "/tmp/a.zip";
        CommandFailure failure = assertThrows(CommandFailure.class, command::execute);
        assertEquals("ROLLED_BACK", failure.code());
        assertTrue(failure.getMessage(), failure.getMessage().contains("component x is not active"));
    }

    @Test
    public void aRefusalIsOneLineWithItsCode() {
        upgrades.refusal = new UpgradeException(UpgradeException.UNKNOWN_PUBLISHER, "signed by publisher 12ab");
        UpgradeCommand command = command();
        command.target = "/tmp/a.zip";
        CommandFailure failure = assertThrows(CommandFailure.class, command::execute);
        assertEquals("signed by publisher 12ab [UNKNOWN_PUBLISHER]", failure.getMessage());
    }

    @Test
    public void historyIsATable() throws Exception {
        upgrades.outcome = UpgradeOutcome.ROLLED_BACK;
        UpgradeCommand command = command();
        command.history = true;
        console.run(command);
        String out = console.out();
        assertTrue(out, out.contains("2026-11-21 17:00:00"));
        assertTrue(out, out.contains("ROLLED_BACK"));
        assertTrue(out, out.contains("component x is not active"));
        assertTrue(out, out.contains("yes"));
    }

    @Test
    public void nothingToUpgradeFromIsRefused() {
        CommandFailure failure = assertThrows(CommandFailure.class, command()::execute);
        assertEquals("UPGRADE_REQUEST_INVALID", failure.code());
    }

    @Test
    public void withoutTheUpgradeServiceTheCommandSaysSo() {
        UpgradeCommand command = command();
        command.upgrades = null;
        command.history = true;
        CommandFailure failure = assertThrows(CommandFailure.class, command::execute);
        assertEquals("UPGRADE_UNAVAILABLE", failure.code());
    }

    private static final class ScriptedUpgrades implements UpgradeService {
        final List<UpgradeRequest> requests = new ArrayList<>();
        UpgradeOutcome outcome = UpgradeOutcome.SUCCEEDED;
        UpgradeException refusal;

        @Override
        public UpgradeRecord upgrade(UpgradeRequest request, UpgradeProgress progress) {
            requests.add(request);
            if (refusal != null) {
                throw refusal;
            }
            progress.step("Verifying...");
            return record();
        }

        private UpgradeRecord record() {
            boolean failed = outcome == UpgradeOutcome.ROLLED_BACK;
            return new UpgradeRecord("id", Instant.parse("2026-11-21T17:00:00Z"), 3000, "0.1.0", "0.2.0", "store",
                    outcome, failed ? List.of("component x is not active") : List.of(), failed, List.of(),
                    failed ? "rolled back" : "upgraded");
        }

        @Override
        public List<UpgradeRecord> history() {
            return List.of(record());
        }

        @Override
        public String installedVersion() {
            return "0.1.0";
        }

        @Override
        public List<AvailableUpgrade> available() {
            return List.of();
        }

        @Override
        public void writeArchive(String version, OutputStream out) {
        }
    }
}
