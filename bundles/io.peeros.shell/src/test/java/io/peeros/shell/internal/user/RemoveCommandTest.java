package io.peeros.shell.internal.user;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import io.peeros.identity.api.Role;
import io.peeros.identity.api.UserService;
import io.peeros.shell.internal.Console;
import io.peeros.shell.internal.FakeUserService;
import io.peeros.shell.internal.ScriptedSession;
import java.util.Arrays;
import java.util.List;
import org.junit.Rule;
import org.junit.Test;

public class RemoveCommandTest {

    @Rule
    public final Console console = new Console();

    private final FakeUserService users = new FakeUserService().with("carol", Role.OPERATOR, "old password");

    private RemoveCommand command(String name, ScriptedSession typed) {
        RemoveCommand command = new RemoveCommand();
        command.users = users;
        command.session = typed.session();
        command.name = name;
        return command;
    }

    @Test
    public void removesAfterYes() throws Exception {
        ScriptedSession typed = ScriptedSession.typing("yes");

        console.run(command("carol", typed));

        assertFalse(users.find("carol").isPresent());
        assertEquals(List.of("remove user carol? (yes/no) "), typed.prompts);
        assertEquals(Arrays.asList((Character) null), typed.masks);
        assertEquals("Removed user carol." + System.lineSeparator(), console.out());
    }

    @Test
    public void keepsTheUserOnAnyOtherAnswerOrEndOfInput() throws Exception {
        for (ScriptedSession typed : List.of(ScriptedSession.typing("no"), ScriptedSession.typing("yess"),
                ScriptedSession.typing())) {
            console.run(command("carol", typed));
        }

        assertTrue(users.find("carol").isPresent());
        assertEquals(3, console.out().lines().filter("User carol was not removed."::equals).count());
    }

    @Test
    public void forceSkipsTheQuestion() throws Exception {
        ScriptedSession typed = ScriptedSession.typing();
        RemoveCommand command = command("carol", typed);
        command.force = true;

        console.run(command);

        assertFalse(users.find("carol").isPresent());
        assertEquals(List.of(), typed.prompts);
    }

    @Test
    public void theOwnerIsRefusedBeforeAnyQuestion() throws Exception {
        ScriptedSession typed = ScriptedSession.typing("yes");

        console.run(command(UserService.OWNER, typed));

        assertTrue(users.find(UserService.OWNER).isPresent());
        assertEquals(List.of(), typed.prompts);
        assertTrue(console.err(), console.err().trim().endsWith("[USER_IS_OWNER]"));
    }

    @Test
    public void anUnknownUserIsAnError() throws Exception {
        console.run(command("mallory", ScriptedSession.typing("yes")));

        assertEquals("Error: there is no user 'mallory' [USER_UNKNOWN]" + System.lineSeparator(), console.err());
        assertEquals(2, users.list().size());
    }
}
