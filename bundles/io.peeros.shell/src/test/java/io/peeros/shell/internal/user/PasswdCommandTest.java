package io.peeros.shell.internal.user;

import static org.junit.Assert.assertEquals;

import io.peeros.identity.api.Role;
import io.peeros.shell.internal.Console;
import io.peeros.shell.internal.FakeUserService;
import io.peeros.shell.internal.ScriptedSession;
import java.util.List;
import org.junit.Rule;
import org.junit.Test;

public class PasswdCommandTest {

    @Rule
    public final Console console = new Console();

    private final FakeUserService users = new FakeUserService().with("carol", Role.OPERATOR, "old password");

    private PasswdCommand command(String name, ScriptedSession typed) {
        PasswdCommand command = new PasswdCommand();
        command.users = users;
        command.session = typed.session();
        command.name = name;
        return command;
    }

    @Test
    public void asksTwiceAndChangesThePassword() throws Exception {
        ScriptedSession typed = ScriptedSession.typing("new password", "new password");

        console.run(command("carol", typed));

        assertEquals("new password", users.passwords.get("carol"));
        assertEquals(2, typed.prompts.size());
        assertEquals("Password of carol changed." + System.lineSeparator(), console.out());
    }

    @Test
    public void takesThePasswordOption() throws Exception {
        PasswdCommand command = command("carol", ScriptedSession.typing());
        command.password = "given password";

        console.run(command);

        assertEquals("given password", users.passwords.get("carol"));
    }

    @Test
    public void aMismatchKeepsTheOldPassword() throws Exception {
        console.run(command("carol", ScriptedSession.typing("new password", "new passw0rd")));

        assertEquals("old password", users.passwords.get("carol"));
        assertEquals("Error: the two passwords differ; nothing was changed [PASSWORD_MISMATCH]"
                + System.lineSeparator(), console.err());
    }

    @Test
    public void anUnknownUserIsRefusedBeforeAnyPrompt() throws Exception {
        ScriptedSession typed = ScriptedSession.typing("new password", "new password");

        console.run(command("mallory", typed));

        assertEquals(List.of(), typed.prompts);
        assertEquals("Error: there is no user 'mallory' [USER_UNKNOWN]" + System.lineSeparator(), console.err());
    }
}
