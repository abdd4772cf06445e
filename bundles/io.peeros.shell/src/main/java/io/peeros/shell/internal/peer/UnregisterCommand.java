package io.peeros.shell.internal.peer;

import io.peeros.registry.api.RemotePeer;
import io.peeros.shell.internal.completers.PeerIdCompleter;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Service;

@Command(scope = "peer", name = "unregister", description = "Ends the registration with a peer.",
        detailedDescription = "Removes the trust in its certificate here and asks the peer to do the same.")
@Service
public class UnregisterCommand extends PeerCommandSupport {

    @Argument(index = 0, name = "id", required = true,
            description = "The peer's id, or a unique prefix of at least 8 characters")
    @Completion(PeerIdCompleter.class)
    String peerId;

    @Override
    protected Object doExecute() {
        String name = registry.peer(peerId).map(RemotePeer::name).orElse(peerId);
        registry.unregister(peerId);
        System.out.println("Unregistered " + name + ".");
        return null;
    }
}
