package io.peeros.shell.internal.user;

import io.peeros.identity.api.IdentityException;
import io.peeros.identity.api.UserService;
import io.peeros.shell.internal.completers.UserNameCompleter;
import java.io.IOException;
import java.util.Locale;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;

@Command(scope = "user", name = "remove", description = "Removes a user from this peer.",
        detailedDescription = "Asks for confirmation unless --force is given. The owner account '"
                + UserService.OWNER + "' cannot be removed.")
@Service
public class RemoveCommand extends UserCommandSupport {

    @Argument(index = 0, name = "name", required = true, description = "The user's name")
    @Completion(UserNameCompleter.class)
    String name;

    @Option(name = "-f", aliases = "--force", description = "Remove without asking for confirmation")
    boolean force;

    @Override
    protected Object doExecute() throws Exception {
        existing(name);
        if (UserService.OWNER.equals(name)) {
            // Refuse before asking, rather than after a "yes".
            throw new IdentityException("USER_IS_OWNER", "the owner account '" + name + "' cannot be removed");
        }
        if (!force && !confirmed()) {
            System.out.println("User " + name + " was not removed.");
            return null;
        }
        users.remove(name);
        System.out.println("Removed user " + name + ".");
        return null;
    }

    private boolean confirmed() throws IOException {
        String answer = session.readLine("remove user " + name + "? (yes/no) ", null);
        return answer != null && answer.trim().toLowerCase(Locale.ROOT).matches("y|yes");
    }
}
