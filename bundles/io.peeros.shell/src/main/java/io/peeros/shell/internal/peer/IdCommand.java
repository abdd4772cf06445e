package io.peeros.shell.internal.peer;

import io.peeros.identity.api.PeerIdentity;
import io.peeros.shell.internal.ShellCommandSupport;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

@Command(scope = "peer", name = "id", description = "Prints this peer's id and nothing else.",
        detailedDescription = "The peer id is the SHA-256 of the peer's public key (64 hex digits). It does not"
                + " change when the certificate is rotated. The output is meant for scripts.")
@Service
public class IdCommand extends ShellCommandSupport {

    @Reference
    PeerIdentity identity;

    @Override
    protected Object doExecute() {
        System.out.println(identity.peerId());
        return null;
    }
}
