package io.peeros.shell.internal.completers;

import io.peeros.identity.api.User;
import io.peeros.identity.api.UserService;
import java.util.List;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;

/** Completes the names of this peer's users. */
@Service
public class UserNameCompleter implements Completer {

    @Reference
    UserService users;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        StringsCompleter delegate = new StringsCompleter();
        for (User user : users.list()) {
            delegate.getStrings().add(user.name());
        }
        return delegate.complete(session, commandLine, candidates);
    }
}
