package io.peeros.shell.internal.user;

import io.peeros.identity.api.IdentityException;
import io.peeros.identity.api.User;
import io.peeros.identity.api.UserService;
import io.peeros.shell.internal.ShellCommandSupport;
import java.io.IOException;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.console.Session;

/** Base of the {@code user:*} commands: the user service, and prompts on the caller's terminal. */
public abstract class UserCommandSupport extends ShellCommandSupport {

    @Reference
    UserService users;

    @Reference
    Session session;

    /** The user called {@code name}, or {@code USER_UNKNOWN} before anything is asked or changed. */
    User existing(String name) {
        return users.find(name)
                .orElseThrow(() -> new IdentityException("USER_UNKNOWN", "there is no user '" + name + "'"));
    }

    /**
     * Asks twice for a new password with masked input. The caller wipes the returned array after use.
     *
     * @throws IdentityException {@code PASSWORD_MISSING} on end of input, {@code PASSWORD_MISMATCH} when the two
     *     entries differ
     */
    char[] promptNewPassword(String name) throws IOException {
        String first = session.readLine("New password for " + name + ": ", '*');
        if (first == null) {
            throw new IdentityException("PASSWORD_MISSING", "no password was entered");
        }
        String second = session.readLine("Repeat the password: ", '*');
        if (second == null) {
            throw new IdentityException("PASSWORD_MISSING", "the password was not repeated");
        }
        if (!first.equals(second)) {
            throw new IdentityException("PASSWORD_MISMATCH", "the two passwords differ; nothing was changed");
        }
        return first.toCharArray();
    }

    /** A password from the command line, or from the prompt when none was given. */
    char[] passwordFrom(String option, String name) throws IOException {
        return option != null ? option.toCharArray() : promptNewPassword(name);
    }
}
