package io.peeros.shell.internal.container;

import io.peeros.container.api.ContainerInfo;
import io.peeros.shell.internal.completers.ContainerNameCompleter;
import java.io.IOException;
import java.util.Locale;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;

@Command(scope = "container", name = "destroy", description = "Stops a container if needed and removes it with its files.",
        detailedDescription = "Asks for confirmation unless --force is given. A container that others are clones of"
                + " cannot be destroyed before them.")
@Service
public class DestroyCommand extends ContainerCommandSupport {

    @Option(name = "-f", aliases = "--force", description = "Destroy without asking for confirmation")
    boolean force;

    @Argument(index = 0, name = "name", required = true, description = "The container")
    @Completion(ContainerNameCompleter.class)
    String name;

    @Reference
    Session session;

    @Override
    protected Object doExecute() throws IOException {
        ContainerInfo info = manager().info(name);
        if (!force && !confirmed(info)) {
            System.out.println("Container " + name + " was not destroyed.");
            return null;
        }
        manager().destroy(name);
        System.out.println("Destroyed container " + name + ".");
        return null;
    }

    private boolean confirmed(ContainerInfo info) throws IOException {
        String running = info.state().isActive() ? " (" + info.state().name() + ")" : "";
        String answer = session.readLine("destroy container " + name + running + " and its files? (yes/no) ", null);
        return answer != null && answer.trim().toLowerCase(Locale.ROOT).matches("y|yes");
    }
}
