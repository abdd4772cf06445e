package io.peeros.shell.internal;

import io.peeros.identity.api.IdentityException;
import io.peeros.registry.api.RegistryException;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.support.table.ShellTable;

/**
 * Base of every PeerOS command. A refused operation is printed as one line, {@code Error: <message> [<code>]}
 * on standard error, instead of a stack trace; the code is the stable one from the API.
 */
public abstract class ShellCommandSupport implements Action {

    @Override
    public final Object execute() throws Exception {
        try {
            return doExecute();
        } catch (IdentityException e) {
            printError(e.getMessage(), e.code());
        } catch (RegistryException e) {
            printError(e.getMessage(), e.code());
        }
        return null;
    }

    protected abstract Object doExecute() throws Exception;

    /** A headerless two-column table of property and value, for showing one object. */
    protected static ShellTable propertyTable() {
        ShellTable table = new ShellTable().noHeaders();
        table.column("Property");
        table.column("Value");
        return table;
    }

    private static void printError(String message, String code) {
        // Karaf redirects System.err per session, so this reaches the user's terminal.
        System.err.println("Error: " + message + " [" + code + "]");
    }
}
