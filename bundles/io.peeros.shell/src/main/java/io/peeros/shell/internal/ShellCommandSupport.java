package io.peeros.shell.internal;

import io.peeros.container.api.ContainerException;
import io.peeros.environment.api.BlueprintError;
import io.peeros.environment.api.BlueprintException;
import io.peeros.environment.api.EnvironmentException;
import io.peeros.identity.api.IdentityException;
import io.peeros.registry.api.RegistryException;
import io.peeros.upgrade.api.UpgradeException;
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
        } catch (EnvironmentException e) {
            throw new CommandFailure(e.getMessage(), e.code());
        } catch (UpgradeException e) {
            throw new CommandFailure(e.getMessage(), e.code());
        } catch (BlueprintException e) {
            // every error on a line of its own, as editors read them; the failure is the summary
            for (BlueprintError error : e.errors()) {
                System.err.println(error);
            }
            if (e.omitted() > 0) {
                System.err.println("(" + e.omitted() + " more errors not shown)");
            }
            int count = e.errors().size() + e.omitted();
            throw new CommandFailure("the blueprint has " + count + (count == 1 ? " error" : " errors"), e.code());
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
