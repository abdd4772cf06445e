package io.peeros.shell.internal.peer;

import io.peeros.shell.internal.CommandFailure;
import io.peeros.shell.internal.Format;
import io.peeros.shell.internal.ShellCommandSupport;
import io.peeros.shell.internal.completers.PeerIdCompleter;
import io.peeros.upgrade.api.UpgradeOutcome;
import io.peeros.upgrade.api.UpgradeRecord;
import io.peeros.upgrade.api.UpgradeRequest;
import io.peeros.upgrade.api.UpgradeService;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

@Command(scope = "peer", name = "upgrade", description = "Upgrades PeerOS in place from a signed archive, or lists"
        + " past upgrades.",
        detailedDescription = "peer:upgrade [--dry-run] <file>|<version>|--from <peer id> [<version>], or"
                + " peer:upgrade --history. The archive's signature (a trusted publisher's key) and every entry's"
                + " digest are verified before anything is installed; the PeerOS features are then upgraded in place"
                + " (feature:install -u), only the bundles whose content changed are updated, the peer's health is"
                + " checked, and the previous version is restored by itself when the check fails. See docs/upgrade.md.")
@Service
public class UpgradeCommand extends ShellCommandSupport {

    /**
     * Optional: Karaf registers a bundle's commands only when every mandatory reference is there, so a mandatory
     * one here would take all PeerOS commands away while the upgrade bundle replaces itself.
     */
    @Reference(optional = true)
    UpgradeService upgrades;

    @Option(name = "--dry-run", description = "Verify and simulate only; install nothing")
    boolean dryRun;

    @Option(name = "--history", description = "List the past upgrades instead")
    boolean history;

    @Option(name = "--from", description = "Download the archive from this registered peer")
    @Completion(PeerIdCompleter.class)
    String fromPeer;

    @Argument(index = 0, name = "file-or-version", description = "An archive file (path), or a version this peer"
            + " keeps or --from serves")
    String target;

    /** The zone of the history's times; tests set a fixed one. */
    ZoneId zone = ZoneId.systemDefault();

    @Override
    protected Object doExecute() {
        if (upgrades == null) {
            throw new CommandFailure("the upgrade service is not available: is the peeros-upgrade feature installed"
                    + " and started?", "UPGRADE_UNAVAILABLE");
        }
        PrintStream out = System.out;
        if (history) {
            UpgradeHistoryTable.print(upgrades.history(), zone, out);
            return null;
        }
        UpgradeRecord record = upgrades.upgrade(request(), line -> {
            out.println(line);
            out.flush();
        });
        out.println(record.outcome() + ": " + record.message() + " (" + Format.duration(
                Duration.ofMillis(record.durationMillis())) + ")");
        if (record.outcome() == UpgradeOutcome.ROLLED_BACK || record.outcome() == UpgradeOutcome.ROLLBACK_FAILED) {
            throw new CommandFailure("the upgrade to " + record.toVersion() + " failed its health check ("
                    + String.join("; ", record.failedChecks()) + ")", record.outcome().name());
        }
        return null;
    }

    private UpgradeRequest request() {
        if (fromPeer != null) {
            return UpgradeRequest.fromPeer(fromPeer, target, dryRun);
        }
        if (target == null) {
            throw new CommandFailure("give an archive file, a version, --from <peer id> or --history",
                    "UPGRADE_REQUEST_INVALID");
        }
        Path file = Path.of(target);
        if (target.contains("/") || target.endsWith(".zip") || Files.exists(file)) {
            return UpgradeRequest.ofFile(file.toAbsolutePath(), dryRun);
        }
        return UpgradeRequest.ofVersion(target, dryRun);
    }
}
