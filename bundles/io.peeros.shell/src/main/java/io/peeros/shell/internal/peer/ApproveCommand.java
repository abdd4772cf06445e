package io.peeros.shell.internal.peer;

import io.peeros.registry.api.RemotePeer;
import io.peeros.shell.internal.completers.RequestIdCompleter;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Service;

@Command(scope = "peer", name = "approve", description = "Approves an incoming registration request with its code.",
        detailedDescription = "The code comes from the owner of the requesting peer, who saw it in peer:register."
                + " A wrong code creates no trust and uses up one try; see peer:requests for the tries left.")
@Service
public class ApproveCommand extends PeerCommandSupport {

    @Argument(index = 0, name = "id", required = true,
            description = "The requesting peer's id, or a unique prefix of at least 8 characters")
    @Completion(RequestIdCompleter.class)
    String peerId;

    @Argument(index = 1, name = "code", required = true, description = "The one-time code its owner gave you")
    String code;

    @Override
    protected Object doExecute() {
        RemotePeer peer = registry.approve(peerId, code);
        System.out.println("Approved " + peer.name() + ". Both peers now trust each other.");
        printPeer(peer);
        return null;
    }
}
