package io.peeros.shell.internal.env;

import io.peeros.environment.api.Environment;
import io.peeros.environment.api.EnvironmentService;
import io.peeros.shell.internal.completers.EnvironmentNameCompleter;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Service;

@Command(scope = "env", name = "destroy", description = "Destroys an environment on every peer.",
        detailedDescription = "Removes every container, the swarm and the records of the environment from every"
                + " peer that hosts part of it. Prints the progress as it comes.")
@Service
public class DestroyCommand extends EnvCommandSupport {

    @Argument(index = 0, name = "env", required = true, description = "The environment's name or id")
    @Completion(EnvironmentNameCompleter.class)
    String env;

    @Override
    protected Object doExecute() {
        EnvironmentService service = service();
        Environment environment = environment(env);
        ProgressPrinter printer = new ProgressPrinter(System.out, clock, peerNames());
        new Operation<Void>().run("env-destroy-" + environment.id(), progress -> {
            service.destroy(environment.id(), progress);
            return null;
        }, printer::print, id -> { });
        System.out.println("Destroyed environment " + environment.name() + " (" + environment.id() + ").");
        return null;
    }
}
