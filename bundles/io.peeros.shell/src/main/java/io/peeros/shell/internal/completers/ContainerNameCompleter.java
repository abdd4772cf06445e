package io.peeros.shell.internal.completers;

import io.peeros.container.api.ContainerInfo;
import io.peeros.container.api.ContainerManager;
import java.util.List;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;

/** Completes the names of this peer's containers; nothing while no container manager runs. */
@Service
public class ContainerNameCompleter implements Completer {

    @Reference(optional = true)
    ContainerManager containers;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        StringsCompleter delegate = new StringsCompleter();
        if (containers != null) {
            for (ContainerInfo info : containers.list()) {
                delegate.getStrings().add(info.name());
            }
        }
        return delegate.complete(session, commandLine, candidates);
    }
}
