package io.peeros.shell.internal.env;

import io.peeros.shell.internal.completers.EnvironmentNameCompleter;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Service;

@Command(scope = "env", name = "show", description = "Shows an environment and its containers.")
@Service
public class ShowCommand extends EnvCommandSupport {

    @Argument(index = 0, name = "env", required = true, description = "The environment's name or id")
    @Completion(EnvironmentNameCompleter.class)
    String env;

    @Override
    protected Object doExecute() {
        printEnvironment(environment(env));
        return null;
    }
}
