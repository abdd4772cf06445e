package io.peeros.shell.internal.container;

import io.peeros.container.api.ContainerException;
import io.peeros.shell.internal.completers.ContainerNameCompleter;
import java.time.Duration;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;

@Command(scope = "container", name = "stop", description = "Stops a container: a clean halt, then a kill.",
        detailedDescription = "Asks the container's init to halt and kills it when the timeout passes (the"
                + " manager's default without -t). --kill kills at once. Stopping a stopped container changes"
                + " nothing.")
@Service
public class StopCommand extends ContainerCommandSupport {

    @Option(name = "-t", aliases = "--timeout", description = "How long a clean halt may take: 30s, 500ms, 2m")
    String timeout;

    @Option(name = "-k", aliases = "--kill", description = "Kill at once, without a clean halt")
    boolean kill;

    @Argument(index = 0, name = "name", required = true, description = "The container")
    @Completion(ContainerNameCompleter.class)
    String name;

    @Override
    protected Object doExecute() {
        if (kill && timeout != null) {
            throw new ContainerException(ContainerException.INVALID_REQUEST, "give either --kill or --timeout");
        }
        Duration wait = kill ? Duration.ZERO : timeout == null ? null : Parse.duration(timeout, "timeout");
        printDone(kill ? "Killed" : "Stopped", manager().stop(name, wait));
        return null;
    }
}
