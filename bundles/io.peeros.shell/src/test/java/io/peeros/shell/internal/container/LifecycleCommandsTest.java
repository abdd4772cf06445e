package io.peeros.shell.internal.container;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import io.peeros.container.api.ContainerState;
import io.peeros.shell.internal.Console;
import io.peeros.container.api.testing.FakeContainerManager;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.Rule;
import org.junit.Test;

/** start, stop, restart, freeze, unfreeze and clone: one line each, and the manager's refusals. */
public class LifecycleCommandsTest {

    private static final String NL = System.lineSeparator();

    @Rule
    public final Console console = new Console();

    private final FakeContainerManager containers = new FakeContainerManager()
            .with("web", "busybox", ContainerState.STOPPED);

    @Test
    public void startThenStopWithTheDefaultTimeout() throws Exception {
        StartCommand start = new StartCommand();
        start.containers = containers;
        start.name = "web";
        StopCommand stop = new StopCommand();
        stop.containers = containers;
        stop.name = "web";

        console.run(start);
        console.run(stop);

        assertEquals("Started web (RUNNING, pid 4100)." + NL + "Stopped web (STOPPED)." + NL, console.out());
        assertEquals(Arrays.asList((Duration) null), containers.stopTimeouts);
    }

    @Test
    public void stopPassesTheTimeoutOrZeroToKill() throws Exception {
        StopCommand stop = new StopCommand();
        stop.containers = containers;
        stop.name = "web";
        stop.timeout = "1500ms";
        console.run(stop);
        stop.timeout = null;
        stop.kill = true;
        console.run(stop);

        assertEquals(List.of(Duration.ofMillis(1500), Duration.ZERO), containers.stopTimeouts);
        assertTrue(console.out(), console.out().endsWith("Killed web (STOPPED)." + NL));
    }

    @Test
    public void stopRefusesAKillWithATimeoutAndABadTimeout() throws Exception {
        StopCommand stop = new StopCommand();
        stop.containers = containers;
        stop.name = "web";
        stop.timeout = "5s";
        stop.kill = true;
        console.run(stop);
        stop.kill = false;
        stop.timeout = "soon";
        console.run(stop);

        assertEquals("Error: give either --kill or --timeout [INVALID_REQUEST]" + NL
                + "Error: timeout 'soon' is not a duration such as 30s, 500ms, 2m or 1h [INVALID_REQUEST]" + NL,
                console.err());
        assertEquals(List.of(), containers.stopTimeouts);
    }

    @Test
    public void restartFreezeAndUnfreeze() throws Exception {
        containers.start("web");
        RestartCommand restart = new RestartCommand();
        restart.containers = containers;
        restart.name = "web";
        FreezeCommand freeze = new FreezeCommand();
        freeze.containers = containers;
        freeze.name = "web";
        UnfreezeCommand unfreeze = new UnfreezeCommand();
        unfreeze.containers = containers;
        unfreeze.name = "web";

        console.run(restart);
        console.run(freeze);
        console.run(freeze);
        console.run(unfreeze);

        assertEquals("Restarted web (RUNNING, pid 4101)." + NL + "Froze web (FROZEN, pid 4101)." + NL
                + "Thawed web (RUNNING, pid 4101)." + NL, console.out());
        assertEquals("Error: container 'web' is FROZEN and cannot be frozen [INVALID_STATE]" + NL, console.err());
    }

    @Test
    public void cloneAStoppedContainerButNotARunningOne() throws Exception {
        CloneCommand clone = new CloneCommand();
        clone.containers = containers;
        clone.source = "web";
        clone.name = "web-2";
        console.run(clone);
        containers.start("web");
        clone.name = "web-3";
        console.run(clone);

        assertEquals("Cloned web as web-2 (STOPPED)." + NL, console.out());
        assertEquals("web", containers.info("web-2").origin());
        assertEquals("Error: container 'web' must be stopped to be cloned [INVALID_STATE]" + NL, console.err());
    }

    @Test
    public void aBadNameIsRefusedWithItsCode() throws Exception {
        StartCommand start = new StartCommand();
        start.containers = containers;
        start.name = "Web_1";

        console.run(start);

        assertTrue(console.err(), console.err().startsWith("Error: 'Web_1' is not a container name"));
        assertTrue(console.err(), console.err().trim().endsWith("[INVALID_NAME]"));
    }
}
