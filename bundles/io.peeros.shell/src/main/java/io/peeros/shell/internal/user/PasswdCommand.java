package io.peeros.shell.internal.user;

import io.peeros.shell.internal.completers.UserNameCompleter;
import java.util.Arrays;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;

@Command(scope = "user", name = "passwd", description = "Sets a new password for a user.",
        detailedDescription = "Without --password the new password is asked twice with masked input.")
@Service
public class PasswdCommand extends UserCommandSupport {

    @Argument(index = 0, name = "name", required = true, description = "The user's name")
    @Completion(UserNameCompleter.class)
    String name;

    @Option(name = "-p", aliases = "--password", censor = true,
            description = "The new password; asked for when omitted (preferred: options end up in the history)")
    String password;

    @Override
    protected Object doExecute() throws Exception {
        existing(name);
        char[] secret = passwordFrom(password, name);
        try {
            users.changePassword(name, secret);
            System.out.println("Password of " + name + " changed.");
        } finally {
            Arrays.fill(secret, '\0');
        }
        return null;
    }
}
