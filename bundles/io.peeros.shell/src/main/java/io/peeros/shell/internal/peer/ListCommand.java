package io.peeros.shell.internal.peer;

import io.peeros.registry.api.RemotePeer;
import io.peeros.shell.internal.Format;
import java.time.Instant;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

@Command(scope = "peer", name = "list", description = "Lists the known peers in every state.")
@Service
public class ListCommand extends PeerCommandSupport {

    @Option(name = "-l", aliases = "--long", description = "Show full peer ids instead of their first 12 characters")
    boolean longIds;

    @Override
    protected Object doExecute() {
        Instant now = clock.instant();
        ShellTable table = new ShellTable().emptyTableText("No peers known. Register one with peer:register <url>.");
        table.column("Id");
        table.column("Name");
        table.column("State");
        table.column("Direction");
        table.column("Public URL");
        table.column("Last seen");
        for (RemotePeer peer : registry.peers()) {
            table.addRow().addContent(longIds ? peer.id() : Format.shortId(peer.id()), peer.name(),
                    peer.state().name(), peer.direction().name(),
                    peer.publicUrl(), Format.ago(peer.lastSeen(), now));
        }
        table.print(System.out);
        return null;
    }
}
