package io.peeros.shell.internal.container;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import io.peeros.container.api.ContainerMetrics;
import io.peeros.container.api.ContainerState;
import io.peeros.container.api.HostMetrics;
import io.peeros.container.api.MetricsService;
import io.peeros.shell.internal.Console;
import io.peeros.container.api.testing.FakeContainerManager;
import java.time.Clock;
import java.time.ZoneId;
import java.util.List;
import org.junit.Rule;
import org.junit.Test;

public class InfoCommandTest {

    @Rule
    public final Console console = new Console();

    private final FakeContainerManager containers = new FakeContainerManager()
            .with("web", "busybox", ContainerState.RUNNING);

    private InfoCommand command(String name) {
        InfoCommand command = new InfoCommand();
        command.containers = containers;
        command.clock = Clock.fixed(FakeContainerManager.CREATED.plusSeconds(4), ZoneId.of("UTC"));
        command.name = name;
        return command;
    }

    @Test
    public void showsEveryProperty() throws Exception {
        console.run(command("web"));

        String out = console.out().replaceAll(" *\\| *", "|");
        assertTrue(out, out.contains("Name|web"));
        assertTrue(out, out.contains("State|RUNNING"));
        assertTrue(out, out.contains("PID|4100"));
        assertTrue(out, out.contains("Addresses|10.10.0.2"));
        assertTrue(out, out.contains("Template|busybox"));
        assertTrue(out, out.contains("Clone of|-"));
        assertTrue(out, out.contains("Created|2026-11-21 11:00:00 UTC (4s ago)"));
    }

    @Test
    public void withTheMetricsServiceShowsTheUsage() throws Exception {
        InfoCommand command = command("web");
        command.metrics = new MetricsService() {
            @Override
            public ContainerMetrics container(String name) {
                return new ContainerMetrics(name, ContainerState.RUNNING, FakeContainerManager.CREATED, 125_000_000_000L,
                        64L << 20, 80L << 20, 1, 12, 5L << 20, 2048, 4096);
            }

            @Override
            public List<ContainerMetrics> containers() {
                return List.of(container("web"));
            }

            @Override
            public HostMetrics host() {
                throw new UnsupportedOperationException();
            }
        };

        console.run(command);

        String out = console.out().replaceAll(" *\\| *", "|");
        assertTrue(out, out.contains("Hostname|web"));
        assertTrue(out, out.contains("Ports|-"));
        assertTrue(out, out.contains("CPU time|2m 5s"));
        assertTrue(out, out.contains("RAM|64.0 MiB (peak 80.0 MiB)"));
        assertTrue(out, out.contains("Processes|12"));
        assertTrue(out, out.contains("Disk|5.0 MiB"));
        assertTrue(out, out.contains("Network|2.0 KiB in, 4.0 KiB out"));
        assertTrue(out, out.contains("OOM kills|1"));
    }

    @Test
    public void anUnknownContainerIsRefusedWithItsCode() throws Exception {
        console.run(command("nope"));

        assertEquals("Error: there is no container 'nope' [NOT_FOUND]" + System.lineSeparator(), console.err());
        assertEquals("", console.out());
    }
}
