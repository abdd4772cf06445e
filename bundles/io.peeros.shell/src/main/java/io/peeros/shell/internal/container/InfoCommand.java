package io.peeros.shell.internal.container;

import io.peeros.container.api.ContainerInfo;
import io.peeros.container.api.ContainerMetrics;
import io.peeros.container.api.MetricsService;
import io.peeros.shell.internal.Format;
import io.peeros.shell.internal.completers.ContainerNameCompleter;
import java.time.Duration;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

@Command(scope = "container", name = "info", description = "Shows a container: state, PID, addresses, ports, usage.",
        detailedDescription = "The usage (CPU time, RAM, processes, disk, network) is shown when the metrics"
                + " service runs.")
@Service
public class InfoCommand extends ContainerCommandSupport {

    @Argument(index = 0, name = "name", required = true, description = "The container")
    @Completion(ContainerNameCompleter.class)
    String name;

    @Reference(optional = true)
    MetricsService metrics;

    @Override
    protected Object doExecute() {
        ContainerInfo info = manager().info(name);
        ShellTable table = containerTable(info);
        if (metrics != null) {
            ContainerMetrics usage = metrics.container(name);
            table.addRow().addContent("CPU time", Format.duration(Duration.ofNanos(usage.cpuNanos())));
            table.addRow().addContent("RAM", Format.bytes(usage.memoryBytes()) + (usage.memoryPeakBytes() < 0 ? ""
                    : " (peak " + Format.bytes(usage.memoryPeakBytes()) + ")"));
            table.addRow().addContent("Processes", usage.pids());
            table.addRow().addContent("Disk", Format.bytes(usage.diskBytes()));
            table.addRow().addContent("Network", Format.bytes(usage.netRxBytes()) + " in, "
                    + Format.bytes(usage.netTxBytes()) + " out");
            table.addRow().addContent("OOM kills", usage.oomKills());
        }
        table.print(System.out);
        return null;
    }
}
