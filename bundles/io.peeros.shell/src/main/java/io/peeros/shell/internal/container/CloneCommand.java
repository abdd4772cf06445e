package io.peeros.shell.internal.container;

import io.peeros.container.api.ContainerInfo;
import io.peeros.shell.internal.completers.ContainerNameCompleter;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Service;

@Command(scope = "container", name = "clone", description = "Clones a stopped container as a copy-on-write snapshot.",
        detailedDescription = "The clone shares the source's file system and stores only what it changes; the source"
                + " cannot be destroyed while clones of it exist. The clone is left stopped.")
@Service
public class CloneCommand extends ContainerCommandSupport {

    @Argument(index = 0, name = "source", required = true, description = "The stopped container to clone")
    @Completion(ContainerNameCompleter.class)
    String source;

    @Argument(index = 1, name = "name", required = true, description = "The new container's name (a DNS label)")
    String name;

    @Override
    protected Object doExecute() {
        ContainerInfo clone = manager().clone(source, name);
        System.out.println("Cloned " + source + " as " + clone.name() + " (" + clone.state().name() + ").");
        return null;
    }
}
