package io.peeros.shell.internal.env;

import io.peeros.environment.api.Environment;
import io.peeros.shell.internal.Format;
import java.time.Duration;
import java.time.Instant;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

@Command(scope = "env", name = "list", description = "Lists the environments this peer built.",
        detailedDescription = "Containers counts the environment's containers over every peer, Peers the peers that"
                + " host them; Age is the time since its build started.")
@Service
public class ListCommand extends EnvCommandSupport {

    @Override
    protected Object doExecute() {
        ShellTable table = new ShellTable()
                .emptyTableText("No environments. Build one with env:build <blueprint file>.");
        table.column("Name");
        table.column("Id");
        table.column("State");
        table.column("Containers").alignRight();
        table.column("Peers").alignRight();
        table.column("Subnet");
        table.column("Age").alignRight();
        Instant now = clock.instant();
        for (Environment env : service().list()) {
            table.addRow().addContent(env.name(), env.id(), state(env.state()), env.containers().size(),
                    env.peerIds().size(), env.subnet(), Format.duration(Duration.between(env.created(), now)));
        }
        table.print(System.out);
        return null;
    }
}
