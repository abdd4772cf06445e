package io.peeros.shell.internal.peer;

import static io.peeros.shell.internal.FakePeerRegistry.idOf;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import io.peeros.registry.api.PeerState;
import io.peeros.shell.internal.Console;
import io.peeros.shell.internal.FakePeerRegistry;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;

public class ApproveCommandTest {

    @Rule
    public final Console console = new Console();

    private final FakePeerRegistry registry = new FakePeerRegistry().request("beta", "ABCD-EFGH", 3);
    private final ApproveCommand command = new ApproveCommand();

    @Before
    public void setUp() {
        command.registry = registry;
    }

    @Test
    public void theRightCodeApprovesAndShowsThePeer() throws Exception {
        command.peerId = idOf("beta").substring(0, 8);
        command.code = "ABCD-EFGH";

        console.run(command);

        assertEquals(1, registry.peers().size());
        assertEquals(PeerState.APPROVED, registry.peers().get(0).state());
        String out = console.out();
        assertTrue(out, out.startsWith("Approved beta."));
        InfoCommandTest.assertLine(out, "Peer id", idOf("beta"));
        InfoCommandTest.assertLine(out, "State", "APPROVED");
        InfoCommandTest.assertLine(out, "Certificate", "FP:beta");
        assertEquals("", console.err());
    }

    @Test
    public void aWrongCodeCreatesNothingAndSaysWhy() throws Exception {
        command.peerId = idOf("beta");
        command.code = "WRONG";

        console.run(command);

        assertEquals("Error: the code is wrong; 2 tries left [CODE_WRONG]" + System.lineSeparator(), console.err());
        assertEquals("", console.out());
        assertEquals(0, registry.peers().size());
        assertEquals(2, registry.requests().get(0).triesLeft());
    }
}
