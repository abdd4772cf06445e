package io.peeros.shell.internal.peer;

import static io.peeros.shell.internal.FakePeerRegistry.NOW;
import static io.peeros.shell.internal.FakePeerRegistry.idOf;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import io.peeros.registry.api.OutgoingRegistration;
import io.peeros.registry.api.RegistryException;
import io.peeros.shell.internal.Console;
import io.peeros.shell.internal.FakePeerRegistry;
import java.net.URI;
import java.time.Clock;
import java.time.ZoneId;
import java.util.List;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;

public class RegisterCommandTest {

    @Rule
    public final Console console = new Console();

    private final FakePeerRegistry registry = new FakePeerRegistry();
    private final RegisterCommand command = new RegisterCommand();

    @Before
    public void setUp() {
        command.registry = registry;
        command.clock = Clock.fixed(NOW, ZoneId.of("UTC"));
    }

    @Test
    public void printsTheRemotePeerAndTheCodeToPassOn() throws Exception {
        registry.registerAnswer = new OutgoingRegistration(idOf("beta"), "beta", URI.create("https://beta:8443"),
                "12:34:AB", "ABCD-EFGH-IJKL-MNOP", NOW.plusSeconds(900));
        command.url = "https://beta:8443";

        console.run(command);

        assertEquals(List.of(URI.create("https://beta:8443")), registry.registerCalls);
        String out = console.out();
        assertTrue(out, out.contains("Peer id:      " + idOf("beta")));
        assertTrue(out, out.contains("Name:         beta"));
        assertTrue(out, out.contains("Certificate:  12:34:AB"));
        assertTrue(out, out.contains("CODE:  ABCD-EFGH-IJKL-MNOP"));
        assertTrue(out, out.contains("expires in 15m (at 2026-11-21 12:15:00 UTC)"));
        assertTrue(out, out.contains("Ask the owner of beta to run: peer:approve " + registry.local.id()
                + " ABCD-EFGH-IJKL-MNOP"));
        assertEquals("", console.err());
    }

    @Test
    public void refusesARelativeUrlWithoutCallingTheRegistry() throws Exception {
        command.url = "beta:8443/x y";

        console.run(command);

        assertTrue(console.err(), console.err().startsWith("Error: 'beta:8443/x y' is not a URL"));
        assertTrue(console.err(), console.err().trim().endsWith("[URL_INVALID]"));
        command.url = "peer-beta";

        console.run(command);

        assertTrue(console.err(), console.err().contains("'peer-beta' is not an absolute URL"));
        assertEquals(List.of(), registry.registerCalls);
        assertEquals("", console.out());
    }

    @Test
    public void reportsWhatTheRegistryRefused() throws Exception {
        registry.registerFailure = new RegistryException("PEER_UNREACHABLE", "no answer from https://beta:8443");
        command.url = "https://beta:8443";

        Object result = console.run(command);

        assertEquals(null, result);
        assertEquals("Error: no answer from https://beta:8443 [PEER_UNREACHABLE]" + System.lineSeparator(),
                console.err());
        assertEquals("", console.out());
    }
}
