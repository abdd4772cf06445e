package io.peeros.shell.internal.container;

import io.peeros.shell.internal.completers.ContainerNameCompleter;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Service;

@Command(scope = "container", name = "unfreeze", description = "Thaws a frozen container.")
@Service
public class UnfreezeCommand extends ContainerCommandSupport {

    @Argument(index = 0, name = "name", required = true, description = "The container")
    @Completion(ContainerNameCompleter.class)
    String name;

    @Override
    protected Object doExecute() {
        printDone("Thawed", manager().unfreeze(name));
        return null;
    }
}
