package io.peeros.shell.internal.peer;

import io.peeros.registry.api.OutgoingRegistration;
import io.peeros.registry.api.RegistryException;
import io.peeros.shell.internal.Format;
import java.io.PrintStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;

@Command(scope = "peer", name = "register", description = "Asks another peer to register with this one.",
        detailedDescription = "Contacts the peer at its public URL and prints a one-time code. Compare the"
                + " certificate fingerprint shown here with what the remote owner sees in peer:info, then give"
                + " them the code by phone or in person; they approve with peer:approve.")
@Service
public class RegisterCommand extends PeerCommandSupport {

    @Argument(index = 0, name = "url", required = true,
            description = "The public URL of the other peer, e.g. https://peer.example.org:8443")
    String url;

    @Override
    protected Object doExecute() {
        OutgoingRegistration registration = registry.register(parse(url));
        String localId = registry.localInfo().id();
        Instant now = clock.instant();
        PrintStream out = System.out;
        out.println("Registration requested with " + registration.remoteName() + " at " + registration.remoteUrl());
        out.println("  Peer id:      " + registration.remotePeerId());
        out.println("  Name:         " + registration.remoteName());
        out.println("  Certificate:  " + registration.remoteCertificateFingerprint());
        out.println("                (check that its owner sees the same fingerprint in peer:info)");
        out.println();
        String codeLine = "CODE:  " + registration.code();
        String rule = "=".repeat(codeLine.length() + 8);
        out.println("  " + rule);
        out.println("      " + codeLine);
        out.println("  " + rule);
        out.println("  expires " + Format.until(registration.expires(), now) + " (at "
                + Format.dateTime(registration.expires(), clock.getZone()) + ")");
        out.println();
        out.println("Ask the owner of " + registration.remoteName() + " to run: peer:approve " + localId + " "
                + registration.code());
        return null;
    }

    private static URI parse(String url) {
        URI uri;
        try {
            uri = new URI(url.trim());
        } catch (URISyntaxException e) {
            throw new RegistryException("URL_INVALID", "'" + url + "' is not a URL: " + e.getReason());
        }
        if (!uri.isAbsolute() || uri.getHost() == null) {
            throw new RegistryException("URL_INVALID", "'" + url
                    + "' is not an absolute URL; give the peer's public URL, e.g. https://peer.example.org:8443");
        }
        return uri;
    }
}
