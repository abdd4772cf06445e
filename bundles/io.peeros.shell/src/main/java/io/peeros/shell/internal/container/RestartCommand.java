package io.peeros.shell.internal.container;

import io.peeros.shell.internal.completers.ContainerNameCompleter;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Service;

@Command(scope = "container", name = "restart", description = "Stops a container (default timeout) and starts it.")
@Service
public class RestartCommand extends ContainerCommandSupport {

    @Argument(index = 0, name = "name", required = true, description = "The container")
    @Completion(ContainerNameCompleter.class)
    String name;

    @Override
    protected Object doExecute() {
        printDone("Restarted", manager().restart(name));
        return null;
    }
}
