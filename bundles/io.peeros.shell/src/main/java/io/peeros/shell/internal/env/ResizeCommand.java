package io.peeros.shell.internal.env;

import io.peeros.container.api.Quota;
import io.peeros.container.api.QuotaService;
import io.peeros.container.api.SizeClass;
import io.peeros.environment.api.Environment;
import io.peeros.environment.api.EnvironmentService;
import io.peeros.shell.internal.CommandFailure;
import io.peeros.shell.internal.completers.EnvironmentNameCompleter;
import io.peeros.shell.internal.completers.GroupNameCompleter;
import io.peeros.shell.internal.completers.SizeClassCompleter;
import io.peeros.shell.internal.container.Parse;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

@Command(scope = "env", name = "resize", description = "Changes the resource limits of a group's containers.",
        detailedDescription = "Every container of the group gets the new limits on whichever peer it runs, at once"
                + " and without a restart; containers added later by env:grow get them too. --size gives the RAM,"
                + " CPU and disk limits of a size class (as this peer defines it); the other options set one limit"
                + " each, on top of it; the limits not given stay as they are. If a peer refuses, the containers"
                + " already changed are put back. Prints the progress, then the environment.")
@Service
public class ResizeCommand extends EnvCommandSupport {

    @Option(name = "-s", aliases = "--size", description = "A size class: TINY, SMALL, MEDIUM, LARGE or HUGE")
    @Completion(SizeClassCompleter.class)
    String size;

    @Option(name = "--cpu", description = "CPU limit in percent of one CPU: 25, or '25%' quoted; 200 is two CPUs")
    String cpu;

    @Option(name = "--ram", description = "RAM limit, e.g. 512M")
    String ram;

    @Option(name = "--disk", description = "Disk limit of each container's own files, e.g. 10G")
    String disk;

    @Argument(index = 0, name = "env", required = true, description = "The environment's name or id")
    @Completion(EnvironmentNameCompleter.class)
    String env;

    @Argument(index = 1, name = "group", required = true, description = "The blueprint group")
    @Completion(GroupNameCompleter.class)
    String group;

    @Reference(optional = true)
    QuotaService quotas;

    @Override
    protected Object doExecute() {
        Quota quota = quota();
        EnvironmentService service = service();
        ProgressPrinter printer = new ProgressPrinter(System.out, clock, peerNames());
        Environment result = new Operation<Environment>().run("env-resize-" + env,
                progress -> service.resize(env, group, quota, progress), printer::print, id -> { });
        System.out.println();
        printEnvironment(result);
        return null;
    }

    /** The size class's limits with the options on top, parsed before anything is changed. */
    private Quota quota() {
        Quota q = Quota.NONE;
        if (size != null) {
            SizeClass sizeClass = SizeClass.parse(size);
            if (quotas == null) {
                throw new CommandFailure("the quota service is not available to say what " + sizeClass
                        + " is: give --cpu, --ram and --disk instead", "QUOTAS_UNAVAILABLE");
            }
            q = quotas.sizeClasses().get(sizeClass);
        }
        q = cpu == null ? q : q.withCpuPercent(Parse.percent(cpu, "--cpu"));
        q = ram == null ? q : q.withMemoryBytes(Parse.bytes(ram, "--ram"));
        q = disk == null ? q : q.withDiskBytes(Parse.bytes(disk, "--disk"));
        if (q.isNone()) {
            throw new CommandFailure("give --size, --cpu, --ram or --disk", "INVALID_REQUEST");
        }
        return q;
    }
}
