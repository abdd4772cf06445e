package io.peeros.shell.internal.completers;

import io.peeros.registry.api.PeerRegistry;
import io.peeros.registry.api.RegistrationRequest;
import java.util.List;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;

/** Completes the peer ids of incoming registration requests. */
@Service
public class RequestIdCompleter implements Completer {

    @Reference
    PeerRegistry registry;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        StringsCompleter delegate = new StringsCompleter();
        for (RegistrationRequest request : registry.requests()) {
            delegate.getStrings().add(request.peerId());
        }
        return delegate.complete(session, commandLine, candidates);
    }
}
