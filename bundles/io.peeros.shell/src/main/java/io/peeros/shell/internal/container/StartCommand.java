package io.peeros.shell.internal.container;

import io.peeros.shell.internal.completers.ContainerNameCompleter;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Service;

@Command(scope = "container", name = "start", description = "Starts a container in the background.",
        detailedDescription = "Returns once the container runs. It keeps running when Karaf stops. Starting a"
                + " running container changes nothing.")
@Service
public class StartCommand extends ContainerCommandSupport {

    @Argument(index = 0, name = "name", required = true, description = "The container")
    @Completion(ContainerNameCompleter.class)
    String name;

    @Override
    protected Object doExecute() {
        printDone("Started", manager().start(name));
        return null;
    }
}
