package io.peeros.shell.internal.vpn;

import io.peeros.shell.internal.completers.SwarmIdCompleter;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Service;

@Command(scope = "vpn", name = "leave", description = "Leaves a swarm: closes its sessions and removes its interface.",
        detailedDescription = "The swarm's session keys are destroyed, its TAP device and bridge removed, and it is"
                + " no longer joined again when the peer restarts.")
@Service
public class LeaveCommand extends VpnCommandSupport {

    @Argument(index = 0, name = "swarm", required = true, description = "The swarm id")
    @Completion(SwarmIdCompleter.class)
    String swarm;

    @Override
    protected Object doExecute() {
        if (!service().leave(swarm)) {
            throw notFound(swarm);
        }
        System.out.println("Left swarm " + swarm + ".");
        return null;
    }
}
