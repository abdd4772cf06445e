package io.peeros.shell.internal.container;

import io.peeros.container.api.Quota;
import io.peeros.container.api.QuotaService;
import io.peeros.container.api.SizeClass;
import io.peeros.shell.internal.Format;
import io.peeros.shell.internal.completers.ContainerNameCompleter;
import io.peeros.shell.internal.completers.SizeClassCompleter;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

@Command(scope = "container", name = "quota", description = "Shows or changes the resource limits of a container.",
        detailedDescription = "Without options, shows the limits. --size gives the RAM, CPU and disk limits of a"
                + " size class (TINY, SMALL, MEDIUM, LARGE, HUGE); the other options set one limit each, on top of"
                + " the size class and of the limits already set (--clear starts from none). Limits hold at once on"
                + " a running container and after restarts. Sizes are binary (512M, 4G); --net is in bits per"
                + " second (100M).")
@Service
public class QuotaCommand extends ContainerCommandSupport {

    @Option(name = "-s", aliases = "--size", description = "A size class: TINY, SMALL, MEDIUM, LARGE or HUGE")
    @Completion(SizeClassCompleter.class)
    String size;

    @Option(name = "--ram", description = "RAM limit, e.g. 512M")
    String ram;

    @Option(name = "--swap", description = "Swap allowed on top of the RAM, e.g. 1G")
    String swap;

    @Option(name = "--cpu", description = "CPU limit in percent of one CPU: 25, or '25%' quoted (the shell reads a bare % as an operator); 200 is two CPUs")
    String cpu;

    @Option(name = "--cpu-weight", description = "Relative CPU share under contention, 1-10000 (default 100)")
    String cpuWeight;

    @Option(name = "--cpuset", description = "Host CPUs the container may use, e.g. 0-1 or 0,2")
    String cpuset;

    @Option(name = "--pids", description = "Most processes and threads at once")
    String pids;

    @Option(name = "--disk", description = "Disk limit of the container's own files, e.g. 10G")
    String disk;

    @Option(name = "--net", description = "Network rate limit each way in bits per second, e.g. 100M")
    String net;

    @Option(name = "--clear", description = "Remove every limit not given with this command")
    boolean clear;

    @Argument(index = 0, name = "name", required = true, description = "The container")
    @Completion(ContainerNameCompleter.class)
    String name;

    @Reference(optional = true)
    QuotaService quotas;

    @Override
    protected Object doExecute() {
        Quota changes = changes();
        SizeClass sizeClass = size == null ? null : SizeClass.parse(size);
        QuotaService service = require(quotas, "the quota service", "QUOTAS_UNAVAILABLE");
        if (!clear && sizeClass == null && changes.isNone()) {
            print(service.quota(name), service.sizeClasses());
            return null;
        }
        Quota applied;
        if (!clear && changes.isNone()) {
            applied = service.setSizeClass(name, sizeClass);
        } else {
            Quota base = clear ? Quota.NONE : service.quota(name);
            if (sizeClass != null) {
                base = base.merge(service.sizeClasses().get(sizeClass));
            }
            applied = service.setQuota(name, base.merge(changes));
        }
        System.out.println("Limits of " + name + " now:");
        print(applied, service.sizeClasses());
        return null;
    }

    /** Every limit given as an option, parsed before anything is changed. */
    private Quota changes() {
        Quota q = Quota.NONE;
        q = ram == null ? q : q.withMemoryBytes(Parse.bytes(ram, "--ram"));
        q = swap == null ? q : q.withSwapBytes(Parse.bytes(swap, "--swap"));
        q = cpu == null ? q : q.withCpuPercent(Parse.percent(cpu, "--cpu"));
        q = cpuWeight == null ? q : q.withCpuWeight((int) Math.min(Integer.MAX_VALUE,
                Parse.count(cpuWeight, "--cpu-weight")));
        q = cpuset == null ? q : q.withCpuset(cpuset.strip());
        q = pids == null ? q : q.withPids(Parse.count(pids, "--pids"));
        q = disk == null ? q : q.withDiskBytes(Parse.bytes(disk, "--disk"));
        return net == null ? q : q.withNetworkBitsPerSecond(Parse.bitsPerSecond(net, "--net"));
    }

    private static void print(Quota q, Map<SizeClass, Quota> classes) {
        ShellTable table = propertyTable();
        table.addRow().addContent("Size class", sizeClass(q, classes));
        table.addRow().addContent("RAM", q.memoryBytes() == null ? "unlimited" : Format.bytes(q.memoryBytes()));
        table.addRow().addContent("Swap", q.swapBytes() == null ? "unlimited" : Format.bytes(q.swapBytes()));
        table.addRow().addContent("CPU", q.cpuPercent() == null ? "unlimited" : q.cpuPercent() + "% of one CPU");
        table.addRow().addContent("CPU weight", q.cpuWeight() == null ? "default" : q.cpuWeight());
        table.addRow().addContent("CPU set", q.cpuset() == null ? "all" : q.cpuset());
        table.addRow().addContent("Processes", q.pids() == null ? "unlimited" : q.pids());
        table.addRow().addContent("Disk", q.diskBytes() == null ? "unlimited" : Format.bytes(q.diskBytes()));
        table.addRow().addContent("Network", q.networkBitsPerSecond() == null ? "unlimited"
                : rate(q.networkBitsPerSecond()));
        table.print(System.out);
    }

    /** The class whose RAM, CPU and disk limits the quota has, or {@code custom} / {@code none}. */
    private static String sizeClass(Quota q, Map<SizeClass, Quota> classes) {
        for (Map.Entry<SizeClass, Quota> entry : classes.entrySet()) {
            Quota c = entry.getValue();
            if (c.memoryBytes() != null && c.memoryBytes().equals(q.memoryBytes())
                    && Objects.equals(c.cpuPercent(), q.cpuPercent())
                    && Objects.equals(c.diskBytes(), q.diskBytes())) {
                return entry.getKey().name();
            }
        }
        return q.isNone() ? "none" : "custom";
    }

    static String rate(long bits) {
        String[] units = {"bit/s", "kbit/s", "Mbit/s", "Gbit/s", "Tbit/s"};
        double value = bits;
        int unit = 0;
        while (value >= 1000 && unit < units.length - 1) {
            value /= 1000;
            unit++;
        }
        return unit == 0 ? bits + " bit/s" : String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
    }
}
