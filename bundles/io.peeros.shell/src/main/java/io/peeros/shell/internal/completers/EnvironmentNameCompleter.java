package io.peeros.shell.internal.completers;

import io.peeros.environment.api.Environment;
import io.peeros.environment.api.EnvironmentService;
import java.util.List;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;

/** Completes the names of the environments this peer built; nothing while no environment service runs. */
@Service
public class EnvironmentNameCompleter implements Completer {

    @Reference(optional = true)
    EnvironmentService environments;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        StringsCompleter delegate = new StringsCompleter();
        if (environments != null) {
            for (Environment env : environments.list()) {
                delegate.getStrings().add(env.name());
            }
        }
        return delegate.complete(session, commandLine, candidates);
    }
}
