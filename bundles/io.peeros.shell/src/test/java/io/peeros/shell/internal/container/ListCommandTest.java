package io.peeros.shell.internal.container;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import io.peeros.container.api.ContainerState;
import io.peeros.shell.internal.Console;
import io.peeros.container.api.testing.FakeContainerManager;
import java.time.Clock;
import java.time.ZoneId;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.Rule;
import org.junit.Test;

public class ListCommandTest {

    @Rule
    public final Console console = new Console();

    private final FakeContainerManager containers = new FakeContainerManager();

    private ListCommand command() {
        ListCommand command = new ListCommand();
        command.containers = containers;
        command.clock = Clock.fixed(FakeContainerManager.CREATED.plusSeconds(125), ZoneId.of("UTC"));
        return command;
    }

    @Test
    public void oneRowPerContainerWithStatePidAndAddresses() throws Exception {
        containers.with("web", "busybox", ContainerState.RUNNING).with("db", "debian", ContainerState.STOPPED);
        containers.clone("db", "db-copy");

        console.run(command());

        List<String> rows = console.out().lines().skip(2).map(r -> r.replaceAll("\\s*\\|\\s*", "|").trim())
                .collect(Collectors.toList());
        assertEquals(List.of("db|STOPPED|-|-|debian|-|2m 5s ago",
                "db-copy|STOPPED|-|-|debian|db|2m 5s ago",
                "web|RUNNING|4100|10.10.0.2|busybox|-|2m 5s ago"), rows);
        assertEquals("", console.err());
    }

    @Test
    public void saysHowToStartWhenThereAreNone() throws Exception {
        console.run(command());

        assertTrue(console.out(), console.out().contains("No containers. Create one with container:create"));
    }

    @Test
    public void withoutTheContainerServiceSaysItIsMissing() throws Exception {
        ListCommand command = command();
        command.containers = null;

        console.run(command);

        assertEquals("", console.out());
        assertTrue(console.err(), console.err().startsWith("Error: the container service is not available"));
        assertTrue(console.err(), console.err().trim().endsWith("[CONTAINERS_UNAVAILABLE]"));
    }
}
