package io.peeros.shell.internal.peer;

import static io.peeros.shell.internal.FakePeerRegistry.NOW;
import static io.peeros.shell.internal.FakePeerRegistry.idOf;
import static io.peeros.shell.internal.FakePeerRegistry.peer;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import io.peeros.registry.api.Direction;
import io.peeros.registry.api.PeerState;
import io.peeros.shell.internal.Console;
import io.peeros.shell.internal.FakePeerRegistry;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;

public class ListCommandTest {

    @Rule
    public final Console console = new Console();

    private final FakePeerRegistry registry = new FakePeerRegistry();
    private final ListCommand command = new ListCommand();

    @Before
    public void setUp() {
        command.registry = registry;
        command.clock = Clock.fixed(NOW, ZoneOffset.UTC);
    }

    @Test
    public void oneRowPerPeerWithShortIdsAndRelativeLastSeen() throws Exception {
        registry.peers.add(peer("gamma", PeerState.REQUESTED, Direction.OUTGOING, null));
        registry.peers.add(peer("beta", PeerState.APPROVED, Direction.INCOMING, NOW.minusSeconds(4)));

        console.run(command);

        List<String> rows = rows();
        assertEquals(2, rows.size());
        assertEquals(List.of(idOf("beta").substring(0, 12), "beta", "APPROVED", "INCOMING", "https://beta:8443",
                "4s ago"), cells(rows.get(0)));
        assertEquals(List.of(idOf("gamma").substring(0, 12), "gamma", "REQUESTED", "OUTGOING",
                "https://gamma:8443", "never"), cells(rows.get(1)));
        assertFalse(console.out().contains(idOf("beta")));
    }

    @Test
    public void longShowsFullIds() throws Exception {
        registry.peers.add(peer("beta", PeerState.OFFLINE, Direction.OUTGOING, NOW.minusSeconds(3 * 3600 + 300)));
        command.longIds = true;

        console.run(command);

        List<String> cells = cells(rows().get(0));
        assertEquals(idOf("beta"), cells.get(0));
        assertEquals("OFFLINE", cells.get(2));
        assertEquals("3h 5m ago", cells.get(5));
    }

    @Test
    public void saysSoWhenNoPeerIsKnown() throws Exception {
        console.run(command);

        assertTrue(console.out(), console.out().contains("No peers known"));
    }

    /** The table's data rows: everything after the header and its underline. */
    private List<String> rows() {
        return console.out().lines().skip(2).collect(Collectors.toList());
    }

    static List<String> cells(String row) {
        return List.of(row.split("\\s*\\|\\s*")).stream().map(String::trim).collect(Collectors.toList());
    }
}
