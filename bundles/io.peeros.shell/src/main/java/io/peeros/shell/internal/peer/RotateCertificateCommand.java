package io.peeros.shell.internal.peer;

import io.peeros.identity.api.PeerIdentity;
import io.peeros.shell.internal.Format;
import io.peeros.shell.internal.ShellCommandSupport;
import java.security.cert.X509Certificate;
import java.time.ZoneId;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

@Command(scope = "peer", name = "rotate-certificate",
        description = "Issues a new certificate for this peer's key; the peer id does not change.",
        detailedDescription = "Registered peers keep trusting this peer, since they trust its key. The new"
                + " fingerprint is printed; peer:info shows it too.")
@Service
public class RotateCertificateCommand extends ShellCommandSupport {

    @Reference
    PeerIdentity identity;

    /** The zone validity dates are shown in; tests fix it. */
    ZoneId zone = ZoneId.systemDefault();

    @Override
    protected Object doExecute() {
        X509Certificate certificate = identity.rotateCertificate();
        System.out.println("New certificate issued. The peer id is unchanged.");
        ShellTable table = propertyTable();
        table.addRow().addContent("Peer id", identity.peerId());
        table.addRow().addContent("Certificate", Format.fingerprint(certificate));
        table.addRow().addContent("Valid from", Format.dateTime(certificate.getNotBefore().toInstant(), zone));
        table.addRow().addContent("Valid until", Format.dateTime(certificate.getNotAfter().toInstant(), zone));
        table.print(System.out);
        return null;
    }
}
