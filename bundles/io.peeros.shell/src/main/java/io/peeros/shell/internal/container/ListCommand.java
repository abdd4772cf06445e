package io.peeros.shell.internal.container;

import io.peeros.container.api.ContainerInfo;
import io.peeros.shell.internal.Format;
import java.time.Instant;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

@Command(scope = "container", name = "list", description = "Lists the containers of this peer.")
@Service
public class ListCommand extends ContainerCommandSupport {

    @Override
    protected Object doExecute() {
        Instant now = clock.instant();
        ShellTable table = new ShellTable()
                .emptyTableText("No containers. Create one with container:create <name> <template>.");
        table.column("Name");
        table.column("State");
        table.column("PID").alignRight();
        table.column("Addresses");
        table.column("Template");
        table.column("Clone of");
        table.column("Created");
        for (ContainerInfo info : manager().list()) {
            table.addRow().addContent(info.name(), info.state().name(), pid(info), addresses(info.addresses()),
                    info.templateName().orElse("-"), info.originName().orElse("-"), Format.ago(info.created(), now));
        }
        table.print(System.out);
        return null;
    }
}
