package io.peeros.shell.internal.completers;

import io.peeros.registry.api.PeerRegistry;
import io.peeros.registry.api.RemotePeer;
import java.util.List;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;

/** Completes the ids of known peers, in every state. */
@Service
public class PeerIdCompleter implements Completer {

    @Reference
    PeerRegistry registry;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        StringsCompleter delegate = new StringsCompleter();
        for (RemotePeer peer : registry.peers()) {
            delegate.getStrings().add(peer.id());
        }
        return delegate.complete(session, commandLine, candidates);
    }
}
