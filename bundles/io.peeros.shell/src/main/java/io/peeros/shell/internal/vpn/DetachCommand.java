package io.peeros.shell.internal.vpn;

import io.peeros.shell.internal.completers.ContainerNameCompleter;
import io.peeros.shell.internal.completers.SwarmIdCompleter;
import io.peeros.vpn.api.Swarm;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Service;

@Command(scope = "vpn", name = "detach", description = "Unplugs a container from a swarm's switch.")
@Service
public class DetachCommand extends VpnCommandSupport {

    @Argument(index = 0, name = "swarm", required = true, description = "The swarm id")
    @Completion(SwarmIdCompleter.class)
    String swarm;

    @Argument(index = 1, name = "container", required = true, description = "The container name")
    @Completion(ContainerNameCompleter.class)
    String container;

    @Override
    protected Object doExecute() {
        Swarm joined = swarm(swarm);
        containers().detach(container, joined.bridge());
        System.out.println("Detached " + container + " from swarm " + swarm + ".");
        return null;
    }
}
