package io.peeros.shell.internal.container;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import io.peeros.container.api.ContainerState;
import io.peeros.shell.internal.Console;
import io.peeros.container.api.testing.FakeContainerManager;
import io.peeros.shell.internal.ScriptedSession;
import java.util.List;
import org.junit.Rule;
import org.junit.Test;

public class DestroyCommandTest {

    private static final String NL = System.lineSeparator();

    @Rule
    public final Console console = new Console();

    private final FakeContainerManager containers = new FakeContainerManager()
            .with("web", "busybox", ContainerState.RUNNING);

    private DestroyCommand command(ScriptedSession typed) {
        DestroyCommand command = new DestroyCommand();
        command.containers = containers;
        command.session = typed.session();
        command.name = "web";
        return command;
    }

    @Test
    public void asksFirstAndDestroysOnYes() throws Exception {
        ScriptedSession typed = ScriptedSession.typing("yes");

        console.run(command(typed));

        assertEquals(List.of("destroy container web (RUNNING) and its files? (yes/no) "), typed.prompts);
        assertEquals("Destroyed container web." + NL, console.out());
        assertTrue(containers.list().isEmpty());
    }

    @Test
    public void keepsTheContainerOnNoOrEndOfInput() throws Exception {
        console.run(command(ScriptedSession.typing("no")));
        console.run(command(ScriptedSession.typing()));

        assertEquals("Container web was not destroyed." + NL + "Container web was not destroyed." + NL,
                console.out());
        assertEquals(1, containers.list().size());
    }

    @Test
    public void forceDoesNotAsk() throws Exception {
        ScriptedSession typed = ScriptedSession.typing();
        DestroyCommand command = command(typed);
        command.force = true;

        console.run(command);

        assertEquals(List.of(), typed.prompts);
        assertTrue(containers.list().isEmpty());
    }

    @Test
    public void aContainerWithClonesIsRefusedAndAnUnknownOneBeforeAsking() throws Exception {
        containers.stop("web", null);
        containers.clone("web", "web-2");
        DestroyCommand command = command(ScriptedSession.typing());
        command.force = true;
        console.run(command);
        ScriptedSession typed = ScriptedSession.typing("yes");
        command = command(typed);
        command.name = "gone";
        console.run(command);

        assertEquals("Error: container 'web-2' is a clone of 'web'; destroy it first [IN_USE]" + NL
                + "Error: there is no container 'gone' [NOT_FOUND]" + NL, console.err());
        assertEquals(List.of(), typed.prompts);
        assertFalse(containers.list().isEmpty());
    }
}
