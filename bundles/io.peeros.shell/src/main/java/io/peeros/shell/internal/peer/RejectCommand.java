package io.peeros.shell.internal.peer;

import io.peeros.shell.internal.completers.RequestIdCompleter;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Service;

@Command(scope = "peer", name = "reject", description = "Rejects an incoming registration request.",
        detailedDescription = "No trust is created; the requesting peer is told (best effort).")
@Service
public class RejectCommand extends PeerCommandSupport {

    @Argument(index = 0, name = "id", required = true,
            description = "The requesting peer's id, or a unique prefix of at least 8 characters")
    @Completion(RequestIdCompleter.class)
    String peerId;

    @Override
    protected Object doExecute() {
        registry.reject(peerId);
        System.out.println("Rejected the registration request of " + peerId + ".");
        return null;
    }
}
