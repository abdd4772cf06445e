package io.peeros.shell.internal.user;

import io.peeros.identity.api.Role;
import io.peeros.identity.api.User;
import io.peeros.shell.internal.completers.RoleCompleter;
import java.util.Arrays;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;

@Command(scope = "user", name = "add", description = "Adds a user to this peer.",
        detailedDescription = "Without --password the password is asked twice with masked input, which keeps it"
                + " out of the shell history. The user can log in to the shell, the REST API and the web console.")
@Service
public class AddCommand extends UserCommandSupport {

    @Argument(index = 0, name = "name", required = true, description = "The new user's name")
    String name;

    @Option(name = "-r", aliases = "--role", description = "The role: admin, operator or viewer")
    @Completion(RoleCompleter.class)
    String role = Role.VIEWER.id();

    @Option(name = "-p", aliases = "--password", censor = true,
            description = "The password; asked for when omitted (preferred: options end up in the history)")
    String password;

    @Override
    protected Object doExecute() throws Exception {
        Role parsed = Role.parse(role);
        char[] secret = passwordFrom(password, name);
        try {
            User user = users.add(name, secret, parsed);
            System.out.println("Added user " + user.name() + " with role " + user.role().id() + ".");
        } finally {
            Arrays.fill(secret, '\0');
        }
        return null;
    }
}
