package io.peeros.shell.internal.peer;

import static org.junit.Assert.assertEquals;

import io.peeros.identity.api.PeerIds;
import io.peeros.shell.internal.Console;
import io.peeros.shell.internal.FakePeerIdentity;
import org.junit.Rule;
import org.junit.Test;

public class IdCommandTest {

    @Rule
    public final Console console = new Console();

    @Test
    public void printsOnlyThePeerId() throws Exception {
        FakePeerIdentity identity = new FakePeerIdentity();
        IdCommand command = new IdCommand();
        command.identity = identity;

        console.run(command);

        String expected = PeerIds.of(identity.certificate());
        assertEquals(expected + System.lineSeparator(), console.out());
        assertEquals(64, expected.length());
        assertEquals("", console.err());
    }
}
