package io.peeros.shell.internal.peer;

import static io.peeros.shell.internal.FakePeerRegistry.NOW;
import static io.peeros.shell.internal.FakePeerRegistry.idOf;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import io.peeros.shell.internal.Console;
import io.peeros.shell.internal.FakePeerRegistry;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.Rule;
import org.junit.Test;

public class RequestsCommandTest {

    @Rule
    public final Console console = new Console();

    @Test
    public void oneRowPerRequestWithFingerprintTimesAndTries() throws Exception {
        FakePeerRegistry registry = new FakePeerRegistry().request("beta", "CODE", 3).request("delta", "CODE", 1);
        RequestsCommand command = new RequestsCommand();
        command.registry = registry;
        command.clock = Clock.fixed(NOW, ZoneOffset.UTC);

        console.run(command);

        List<String> rows = console.out().lines().skip(2).collect(Collectors.toList());
        assertEquals(2, rows.size());
        assertEquals(List.of(idOf("beta").substring(0, 12), "beta", "https://beta:8443", "FP:beta", "2m ago",
                "in 13m", "3"), ListCommandTest.cells(rows.get(0)));
        assertEquals("delta", ListCommandTest.cells(rows.get(1)).get(1));
        assertEquals("1", ListCommandTest.cells(rows.get(1)).get(6));
    }

    @Test
    public void saysSoWhenNothingWaits() throws Exception {
        RequestsCommand command = new RequestsCommand();
        command.registry = new FakePeerRegistry();

        console.run(command);

        assertTrue(console.out(), console.out().contains("No registration requests."));
    }
}
