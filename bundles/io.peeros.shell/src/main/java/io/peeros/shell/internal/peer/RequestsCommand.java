package io.peeros.shell.internal.peer;

import io.peeros.registry.api.RegistrationRequest;
import io.peeros.shell.internal.Format;
import java.time.Instant;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

@Command(scope = "peer", name = "requests", description = "Lists incoming registration requests awaiting approval.",
        detailedDescription = "Compare the certificate fingerprint with the one the requesting owner reads from"
                + " peer:register, then run peer:approve <id> <code> with the code they give you, or peer:reject <id>.")
@Service
public class RequestsCommand extends PeerCommandSupport {

    @Option(name = "-l", aliases = "--long", description = "Show full peer ids instead of their first 12 characters")
    boolean longIds;

    @Override
    protected Object doExecute() {
        Instant now = clock.instant();
        ShellTable table = new ShellTable().emptyTableText("No registration requests.");
        table.column("Peer id");
        table.column("Name");
        table.column("URL");
        table.column("Certificate");
        table.column("Received");
        table.column("Expires");
        table.column("Tries left").alignRight();
        for (RegistrationRequest request : registry.requests()) {
            table.addRow().addContent(longIds ? request.peerId() : Format.shortId(request.peerId()), request.name(),
                    request.publicUrl(), request.certificateFingerprint(), Format.ago(request.received(), now),
                    Format.until(request.expires(), now), request.triesLeft());
        }
        table.print(System.out);
        return null;
    }
}
