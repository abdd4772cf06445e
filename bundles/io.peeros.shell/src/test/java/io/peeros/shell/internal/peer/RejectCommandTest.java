package io.peeros.shell.internal.peer;

import static io.peeros.shell.internal.FakePeerRegistry.idOf;
import static org.junit.Assert.assertEquals;

import io.peeros.shell.internal.Console;
import io.peeros.shell.internal.FakePeerRegistry;
import org.junit.Rule;
import org.junit.Test;

public class RejectCommandTest {

    @Rule
    public final Console console = new Console();

    private final FakePeerRegistry registry = new FakePeerRegistry().request("beta", "C", 3).request("delta", "C", 3);
    private final RejectCommand command = new RejectCommand();

    @Test
    public void removesOnlyThatRequest() throws Exception {
        command.registry = registry;
        command.peerId = idOf("beta");

        console.run(command);

        assertEquals(1, registry.requests().size());
        assertEquals("delta", registry.requests().get(0).name());
        assertEquals("Rejected the registration request of " + idOf("beta") + "." + System.lineSeparator(),
                console.out());
    }

    @Test
    public void anUnknownIdIsAnError() throws Exception {
        command.registry = registry;
        command.peerId = "0000000000";

        console.run(command);

        assertEquals("Error: no peer '0000000000' [PEER_UNKNOWN]" + System.lineSeparator(), console.err());
        assertEquals(2, registry.requests().size());
    }
}
