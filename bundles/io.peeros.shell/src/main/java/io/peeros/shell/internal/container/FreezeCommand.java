package io.peeros.shell.internal.container;

import io.peeros.shell.internal.completers.ContainerNameCompleter;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Service;

@Command(scope = "container", name = "freeze", description = "Freezes every process of a running container.")
@Service
public class FreezeCommand extends ContainerCommandSupport {

    @Argument(index = 0, name = "name", required = true, description = "The container")
    @Completion(ContainerNameCompleter.class)
    String name;

    @Override
    protected Object doExecute() {
        printDone("Froze", manager().freeze(name));
        return null;
    }
}
