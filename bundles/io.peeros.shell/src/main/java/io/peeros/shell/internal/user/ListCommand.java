package io.peeros.shell.internal.user;

import io.peeros.identity.api.User;
import io.peeros.shell.internal.Format;
import java.time.ZoneId;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

@Command(scope = "user", name = "list", description = "Lists the users of this peer with their roles.")
@Service
public class ListCommand extends UserCommandSupport {

    /** The zone creation times are shown in; tests fix it. */
    ZoneId zone = ZoneId.systemDefault();

    @Override
    protected Object doExecute() {
        ShellTable table = new ShellTable().emptyTableText("No users.");
        table.column("Name");
        table.column("Role");
        table.column("Created");
        for (User user : users.list()) {
            table.addRow().addContent(user.name(), user.role().id(), Format.dateTime(user.created(), zone));
        }
        table.print(System.out);
        return null;
    }
}
