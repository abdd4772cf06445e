package io.peeros.shell.internal.user;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import io.peeros.identity.api.Role;
import io.peeros.shell.internal.Console;
import io.peeros.shell.internal.FakeUserService;
import io.peeros.shell.internal.ScriptedSession;
import java.util.List;
import org.junit.Rule;
import org.junit.Test;

public class AddCommandTest {

    @Rule
    public final Console console = new Console();

    private final FakeUserService users = new FakeUserService();

    private AddCommand command(String name, ScriptedSession typed) {
        AddCommand command = new AddCommand();
        command.users = users;
        command.session = typed.session();
        command.name = name;
        return command;
    }

    @Test
    public void withPasswordOptionAddsAViewerByDefaultWithoutPrompting() throws Exception {
        ScriptedSession typed = ScriptedSession.typing();
        AddCommand command = command("bob", typed);
        command.password = "correct horse";

        console.run(command);

        assertEquals(Role.VIEWER, users.find("bob").orElseThrow().role());
        assertEquals("correct horse", users.passwords.get("bob"));
        assertEquals(List.of(), typed.prompts);
        assertEquals("Added user bob with role viewer." + System.lineSeparator(), console.out());
    }

    @Test
    public void withoutPasswordOptionAsksTwiceMasked() throws Exception {
        ScriptedSession typed = ScriptedSession.typing("correct horse", "correct horse");
        AddCommand command = command("carol", typed);
        command.role = "Operator";

        console.run(command);

        assertEquals(Role.OPERATOR, users.find("carol").orElseThrow().role());
        assertEquals("correct horse", users.passwords.get("carol"));
        assertEquals(List.of("New password for carol: ", "Repeat the password: "), typed.prompts);
        assertEquals(List.of('*', '*'), typed.masks);
    }

    @Test
    public void differentPasswordsAreRefused() throws Exception {
        AddCommand command = command("carol", ScriptedSession.typing("correct horse", "correct hose"));

        console.run(command);

        assertFalse(users.find("carol").isPresent());
        assertEquals("Error: the two passwords differ; nothing was changed [PASSWORD_MISMATCH]"
                + System.lineSeparator(), console.err());
        assertEquals("", console.out());
    }

    @Test
    public void endOfInputAtThePromptIsRefused() throws Exception {
        AddCommand command = command("carol", ScriptedSession.typing("correct horse"));

        console.run(command);

        assertFalse(users.find("carol").isPresent());
        assertTrue(console.err(), console.err().contains("[PASSWORD_MISSING]"));
    }

    @Test
    public void anUnknownRoleIsRefusedBeforeAnyPrompt() throws Exception {
        ScriptedSession typed = ScriptedSession.typing("correct horse", "correct horse");
        AddCommand command = command("carol", typed);
        command.role = "root";

        console.run(command);

        assertFalse(users.find("carol").isPresent());
        assertEquals(List.of(), typed.prompts);
        assertEquals("Error: unknown role 'root': use admin, operator or viewer [ROLE_UNKNOWN]"
                + System.lineSeparator(), console.err());
    }

    @Test
    public void theServiceRefusalIsPrintedWithItsCode() throws Exception {
        AddCommand command = command("dave", ScriptedSession.typing());
        command.password = "short";

        console.run(command);

        assertFalse(users.find("dave").isPresent());
        assertEquals("Error: the password needs at least 8 characters [PASSWORD_WEAK]" + System.lineSeparator(),
                console.err());
    }
}
