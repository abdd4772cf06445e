package io.peeros.shell.internal.peer;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import io.peeros.shell.internal.Console;
import io.peeros.shell.internal.FakePeerIdentity;
import java.time.ZoneId;
import org.junit.Rule;
import org.junit.Test;

public class RotateCertificateCommandTest {

    @Rule
    public final Console console = new Console();

    @Test
    public void printsTheNewFingerprintAndValidityWithTheSamePeerId() throws Exception {
        FakePeerIdentity identity = new FakePeerIdentity();
        String idBefore = identity.peerId();
        RotateCertificateCommand command = new RotateCertificateCommand();
        command.identity = identity;
        command.zone = ZoneId.of("UTC");

        console.run(command);

        assertEquals(1, identity.rotations);
        String out = console.out();
        assertTrue(out, out.startsWith("New certificate issued. The peer id is unchanged."));
        InfoCommandTest.assertLine(out, "Peer id", idBefore);
        InfoCommandTest.assertLine(out, "Certificate", FakePeerIdentity.FINGERPRINT_2);
        InfoCommandTest.assertLine(out, "Valid from", "2026-01-01 11:19:33 UTC");
        InfoCommandTest.assertLine(out, "Valid until", "2026-04-01 11:19:33 UTC");
        assertTrue(out, !out.contains(FakePeerIdentity.FINGERPRINT_1));
    }
}
