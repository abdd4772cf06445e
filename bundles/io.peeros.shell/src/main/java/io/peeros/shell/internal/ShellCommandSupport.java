package io.peeros.shell.internal;

import io.peeros.container.api.ContainerException;
import io.peeros.identity.api.IdentityException;
import io.peeros.registry.api.RegistryException;
import io.peeros.vpn.api.VpnException;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.support.table.ShellTable;

/**
 * Base of every PeerOS command. A refused operation becomes a {@link CommandFailure}: one line,
 * {@code <message> [<code>]}, instead of a stack trace; the code is the stable one from the API.
 */
public abstract class ShellCommandSupport implements Action {

    @Override
    public final Object execute() throws Exception {
        try {
            return doExecute();
        } catch (IdentityException e) {
            throw new CommandFailure(e.getMessage(), e.code());
        } catch (RegistryException e) {
            throw new CommandFailure(e.getMessage(), e.code());
        } catch (ContainerException e) {
            throw new CommandFailure(e.getMessage(), e.code());
        } catch (VpnException e) {
            throw new CommandFailure(e.getMessage(), e.code());
        }
    }

    protected abstract Object doExecute() throws Exception;

    /** A headerless two-column table of property and value, for showing one object. */
    protected static ShellTable propertyTable() {
        ShellTable table = new ShellTable().noHeaders();
        table.column("Property");
        table.column("Value");
        return table;
    }
}
