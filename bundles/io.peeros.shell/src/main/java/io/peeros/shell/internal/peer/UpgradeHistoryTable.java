package io.peeros.shell.internal.peer;

import io.peeros.shell.internal.Format;
import io.peeros.upgrade.api.UpgradeRecord;
import java.io.PrintStream;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import org.apache.karaf.shell.support.table.ShellTable;

/** The table of {@code peer:upgrade --history}: one row per attempt, oldest first. */
final class UpgradeHistoryTable {

    private UpgradeHistoryTable() {
    }

    static void print(List<UpgradeRecord> records, ZoneId zone, PrintStream out) {
        ShellTable table = new ShellTable().emptyTableText("No upgrade yet.");
        table.column("When");
        table.column("From");
        table.column("To");
        table.column("Source");
        table.column("Result");
        table.column("Took");
        table.column("Rolled back");
        table.column("Failed checks / message").maxSize(100).wrap();
        for (UpgradeRecord r : records) {
            String detail = r.failedChecks().isEmpty() ? r.message() : String.join("; ", r.failedChecks());
            table.addRow().addContent(Format.dateTime(r.started(), zone), r.fromVersion(),
                    r.toVersion() == null || r.toVersion().isEmpty() ? "-" : r.toVersion(), r.source(),
                    r.outcome().name(), Format.duration(Duration.ofMillis(r.durationMillis())),
                    r.rolledBack() ? "yes" : "no", detail);
        }
        table.print(out);
    }
}
