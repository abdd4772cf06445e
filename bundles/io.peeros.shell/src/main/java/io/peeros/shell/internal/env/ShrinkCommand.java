package io.peeros.shell.internal.env;

import io.peeros.environment.api.Environment;
import io.peeros.environment.api.EnvironmentService;
import io.peeros.shell.internal.completers.EnvironmentNameCompleter;
import io.peeros.shell.internal.completers.GroupNameCompleter;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Service;

@Command(scope = "env", name = "shrink", description = "Removes containers from a group of an environment.",
        detailedDescription = "The newest containers of the group go first; at least one stays. Prints the"
                + " progress, then the environment.")
@Service
public class ShrinkCommand extends EnvCommandSupport {

    @Argument(index = 0, name = "env", required = true, description = "The environment's name or id")
    @Completion(EnvironmentNameCompleter.class)
    String env;

    @Argument(index = 1, name = "group", required = true, description = "The blueprint group")
    @Completion(GroupNameCompleter.class)
    String group;

    @Argument(index = 2, name = "count", description = "How many containers to remove (1 if omitted)")
    int count = 1;

    @Override
    protected Object doExecute() {
        EnvironmentService service = service();
        ProgressPrinter printer = new ProgressPrinter(System.out, clock, peerNames());
        Environment result = new Operation<Environment>().run("env-shrink-" + env,
                progress -> service.shrink(env, group, count, progress), printer::print, id -> { });
        System.out.println();
        printEnvironment(result);
        return null;
    }
}
