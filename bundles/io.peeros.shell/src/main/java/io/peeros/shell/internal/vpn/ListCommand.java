package io.peeros.shell.internal.vpn;

import io.peeros.shell.internal.Format;
import io.peeros.vpn.api.Swarm;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

@Command(scope = "vpn", name = "list", description = "Lists the swarms this peer has joined.",
        detailedDescription = "Members counts the other members with a working path (direct or relayed) out of"
                + " all of them; Rx and Tx are the frame bytes of the whole swarm; Drops the datagrams refused.")
@Service
public class ListCommand extends VpnCommandSupport {

    @Override
    protected Object doExecute() {
        ShellTable table = new ShellTable()
                .emptyTableText("No swarms. Join one with vpn:join <swarm> <member...>.");
        table.column("Swarm");
        table.column("Interface");
        table.column("Bridge");
        table.column("Subnet");
        table.column("Members").alignRight();
        table.column("Rx").alignRight();
        table.column("Tx").alignRight();
        table.column("Drops").alignRight();
        for (Swarm swarm : service().list()) {
            table.addRow().addContent(swarm.id(), orDash(swarm.interfaceName()), orDash(swarm.bridge()),
                    swarm.subnet().orElse("-"), up(swarm) + "/" + swarm.members().size(),
                    Format.bytes(swarm.stats().rxBytes()), Format.bytes(swarm.stats().txBytes()),
                    swarm.stats().dropped());
        }
        table.print(System.out);
        return null;
    }
}
