package io.peeros.shell.internal.vpn;

import io.peeros.shell.internal.completers.SwarmIdCompleter;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Service;

@Command(scope = "vpn", name = "show", description = "Shows a swarm: its interfaces, members, paths and traffic.",
        detailedDescription = "For each other member: its UDP endpoint, the path (direct, relayed via another"
                + " member, or none yet), the round-trip time, the age of the session keys and the traffic; then"
                + " the datagrams dropped, by member and cause, and their totals.")
@Service
public class ShowCommand extends VpnCommandSupport {

    @Argument(index = 0, name = "swarm", required = true, description = "The swarm id")
    @Completion(SwarmIdCompleter.class)
    String swarm;

    @Override
    protected Object doExecute() {
        printSwarm(swarm(swarm));
        return null;
    }
}
