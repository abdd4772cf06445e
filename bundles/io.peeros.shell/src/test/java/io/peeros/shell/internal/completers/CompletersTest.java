package io.peeros.shell.internal.completers;

import static io.peeros.shell.internal.FakePeerRegistry.NOW;
import static io.peeros.shell.internal.FakePeerRegistry.idOf;
import static io.peeros.shell.internal.FakePeerRegistry.peer;
import static org.junit.Assert.assertEquals;

import io.peeros.identity.api.Role;
import io.peeros.registry.api.Direction;
import io.peeros.registry.api.PeerState;
import io.peeros.shell.internal.FakePeerRegistry;
import io.peeros.shell.internal.FakeUserService;
import java.util.ArrayList;
import java.util.List;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.junit.Test;

public class CompletersTest {

    private final FakePeerRegistry registry = new FakePeerRegistry();

    @Test
    public void peerIdsOfEveryState() {
        registry.peers.add(peer("beta", PeerState.APPROVED, Direction.OUTGOING, NOW));
        registry.peers.add(peer("gamma", PeerState.UNREGISTERED, Direction.INCOMING, null));
        PeerIdCompleter completer = new PeerIdCompleter();
        completer.registry = registry;

        assertEquals(List.of(idOf("gamma") + " "), complete(completer, idOf("gamma").substring(0, 3)));
        assertEquals(2, complete(completer, "").size());
        assertEquals(List.of(), complete(completer, "zz"));
    }

    @Test
    public void requestIdsOnly() {
        registry.request("delta", "C", 3);
        registry.peers.add(peer("beta", PeerState.APPROVED, Direction.OUTGOING, NOW));
        RequestIdCompleter completer = new RequestIdCompleter();
        completer.registry = registry;

        assertEquals(List.of(idOf("delta") + " "), complete(completer, ""));
        assertEquals(List.of(), complete(completer, idOf("beta").substring(0, 4)));
    }

    @Test
    public void userNames() {
        UserNameCompleter completer = new UserNameCompleter();
        completer.users = new FakeUserService().with("carol", Role.VIEWER, "correct horse")
                .with("cathy", Role.VIEWER, "correct horse");

        assertEquals(List.of("carol ", "cathy "), complete(completer, "ca"));
        assertEquals(List.of("admin "), complete(completer, "a"));
    }

    @Test
    public void roles() {
        RoleCompleter completer = new RoleCompleter();

        assertEquals(List.of("operator "), complete(completer, "op"));
        assertEquals(List.of("admin ", "operator ", "viewer "), complete(completer, ""));
    }

    private static List<String> complete(Completer completer, String typed) {
        List<String> candidates = new ArrayList<>();
        completer.complete(null, new TypedLine("peer:x " + typed, typed), candidates);
        return candidates;
    }

    /** The command line with the cursor at the end of the argument being typed. */
    private record TypedLine(String buffer, String argument) implements CommandLine {

        @Override
        public int getCursorArgumentIndex() {
            return 1;
        }

        @Override
        public String getCursorArgument() {
            return argument;
        }

        @Override
        public int getArgumentPosition() {
            return argument.length();
        }

        @Override
        public String[] getArguments() {
            return buffer.split(" ", -1);
        }

        @Override
        public int getBufferPosition() {
            return buffer.length();
        }

        @Override
        public String getBuffer() {
            return buffer;
        }
    }
}
