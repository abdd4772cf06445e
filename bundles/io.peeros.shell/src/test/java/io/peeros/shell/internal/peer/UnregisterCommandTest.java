package io.peeros.shell.internal.peer;

import static io.peeros.shell.internal.FakePeerRegistry.NOW;
import static io.peeros.shell.internal.FakePeerRegistry.idOf;
import static io.peeros.shell.internal.FakePeerRegistry.peer;
import static org.junit.Assert.assertEquals;

import io.peeros.registry.api.Direction;
import io.peeros.registry.api.PeerState;
import io.peeros.registry.api.RemotePeer;
import io.peeros.shell.internal.Console;
import io.peeros.shell.internal.FakePeerRegistry;
import org.junit.Rule;
import org.junit.Test;

public class UnregisterCommandTest {

    @Rule
    public final Console console = new Console();

    @Test
    public void endsTheRegistrationAndNamesThePeer() throws Exception {
        FakePeerRegistry registry = new FakePeerRegistry();
        registry.peers.add(peer("beta", PeerState.APPROVED, Direction.OUTGOING, NOW));
        UnregisterCommand command = new UnregisterCommand();
        command.registry = registry;
        command.peerId = idOf("beta").substring(0, 10);

        console.run(command);

        assertEquals(PeerState.UNREGISTERED, registry.peers().get(0).state());
        assertEquals("Unregistered beta." + System.lineSeparator(), console.out());
    }

    @Test
    public void anAmbiguousPrefixIsAnError() throws Exception {
        FakePeerRegistry registry = new FakePeerRegistry();
        registry.peers.add(peer("beta", PeerState.APPROVED, Direction.OUTGOING, NOW));
        registry.peers.add(new RemotePeer(idOf("beta").substring(0, 8) + "ff", "twin",
                null, null, PeerState.APPROVED, Direction.INCOMING, "FP", NOW, NOW));
        UnregisterCommand command = new UnregisterCommand();
        command.registry = registry;
        command.peerId = idOf("beta").substring(0, 8);

        console.run(command);

        assertEquals("Error: '" + command.peerId + "' matches several peers [PEER_AMBIGUOUS]"
                + System.lineSeparator(), console.err());
        assertEquals(PeerState.APPROVED, registry.peers().get(0).state());
        assertEquals(PeerState.APPROVED, registry.peers().get(1).state());
    }
}
