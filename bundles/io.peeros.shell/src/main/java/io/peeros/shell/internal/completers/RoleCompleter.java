package io.peeros.shell.internal.completers;

import io.peeros.identity.api.Role;
import java.util.List;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;

/** Completes role ids: admin, operator, viewer. */
@Service
public class RoleCompleter implements Completer {

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        StringsCompleter delegate = new StringsCompleter();
        for (Role role : Role.values()) {
            delegate.getStrings().add(role.id());
        }
        return delegate.complete(session, commandLine, candidates);
    }
}
