package io.peeros.shell.internal.container;

import io.peeros.container.api.ContainerInfo;
import io.peeros.shell.internal.completers.ContainerNameCompleter;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Service;

@Command(scope = "container", name = "hostname", description = "Sets the hostname of a container.",
        detailedDescription = "A running container gets it at once, a stopped one at its next start. Lower-case"
                + " letters, digits, '-' and '.', at most 64 characters.")
@Service
public class HostnameCommand extends ContainerCommandSupport {

    @Argument(index = 0, name = "name", required = true, description = "The container")
    @Completion(ContainerNameCompleter.class)
    String name;

    @Argument(index = 1, name = "hostname", required = true, description = "The new hostname")
    String hostname;

    @Override
    protected Object doExecute() {
        ContainerInfo info = manager().setHostname(name, hostname);
        System.out.println("Hostname of " + info.name() + " is now " + info.hostname() + ".");
        return null;
    }
}
