package io.peeros.shell.internal.completers;

import io.peeros.vpn.api.Swarm;
import io.peeros.vpn.api.SwarmService;
import java.util.List;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;

/** Completes the ids of the swarms this peer has joined; nothing while no swarm service runs. */
@Service
public class SwarmIdCompleter implements Completer {

    @Reference(optional = true)
    SwarmService swarms;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        StringsCompleter delegate = new StringsCompleter();
        if (swarms != null) {
            for (Swarm swarm : swarms.list()) {
                delegate.getStrings().add(swarm.id());
            }
        }
        return delegate.complete(session, commandLine, candidates);
    }
}
