package io.peeros.shell.internal.container;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import io.peeros.container.api.ContainerState;
import io.peeros.container.api.ExecRequest;
import io.peeros.shell.internal.Console;
import io.peeros.container.api.testing.FakeContainerManager;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.Rule;
import org.junit.Test;

public class ExecCommandTest {

    private static final String NL = System.lineSeparator();

    @Rule
    public final Console console = new Console();

    private final FakeContainerManager containers = new FakeContainerManager()
            .with("web", "busybox", ContainerState.RUNNING);

    private ExecCommand command(String... argv) {
        ExecCommand command = new ExecCommand();
        command.containers = containers;
        command.name = "web";
        command.command = List.of(argv);
        return command;
    }

    @Test
    public void printsStdoutAndPassesEveryOption() throws Exception {
        ExecCommand command = command("--", "echo", "hello", "world");
        command.env = List.of("LANG=C", "EMPTY=", "X=a=b");
        command.user = "1000:1000";
        command.workdir = "/tmp";
        command.timeout = "2m";

        console.run(command);

        assertEquals("hello world\n", console.out());
        assertEquals("", console.err());
        ExecRequest sent = containers.execCalls.get(0);
        assertEquals(List.of("echo", "hello", "world"), sent.command());
        assertEquals(Map.of("LANG", "C", "EMPTY", "", "X", "a=b"), sent.environment());
        assertEquals("1000:1000", sent.user());
        assertEquals("/tmp", sent.workingDirectory());
        assertEquals(Duration.ofMinutes(2), sent.timeout());
    }

    @Test
    public void withoutOptionsRunsAsRootWithTheDefaults() throws Exception {
        console.run(command("echo", "-n"));

        ExecRequest sent = containers.execCalls.get(0);
        assertEquals(ExecRequest.of("echo", "-n"), sent);
    }

    @Test
    public void aNonZeroExitPrintsBothStreamsAndFailsWithTheCodeAndStderrTail() throws Exception {
        containers.shell = request -> FakeContainerManager.result(2, "partial\n", "ls: /nope: No such file\n"
                + "ls: giving up\n");

        console.run(command("ls", "/nope"));

        assertEquals("partial\n", console.out());
        assertEquals("ls: /nope: No such file\nls: giving up\n"
                + "Error: ls /nope exited with 2: ls: /nope: No such file | ls: giving up [EXEC_FAILED]" + NL,
                console.err());
    }

    @Test
    public void aStoppedContainerIsRefused() throws Exception {
        containers.stop("web", null);

        console.run(command("echo", "x"));

        assertEquals("Error: container 'web' is STOPPED and cannot be given a command [INVALID_STATE]" + NL,
                console.err());
    }

    @Test
    public void badEnvironmentAndAMissingCommandAreRefusedBeforeRunning() throws Exception {
        ExecCommand command = command("echo");
        command.env = List.of("NOVALUE");
        console.run(command);
        console.run(command("--"));

        assertEquals("Error: environment variable 'NOVALUE' is not NAME=value [INVALID_REQUEST]" + NL
                + "Error: give a command to run after the name [INVALID_REQUEST]" + NL, console.err());
        assertEquals(List.of(), containers.execCalls);
    }

    @Test
    public void theTailOfALongStderrIsCut() {
        String tail = ExecCommand.tail("x".repeat(1000) + "\nlast line\n");

        assertTrue(tail, tail.startsWith("..."));
        assertTrue(tail, tail.endsWith("x | last line"));
        assertEquals(403, tail.length());
    }
}
