package io.peeros.shell.internal.user;

import static org.junit.Assert.assertEquals;

import io.peeros.identity.api.Role;
import io.peeros.shell.internal.Console;
import io.peeros.shell.internal.FakeUserService;
import java.time.ZoneId;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.Rule;
import org.junit.Test;

public class ListCommandTest {

    @Rule
    public final Console console = new Console();

    @Test
    public void oneRowPerUserWithRoleAndCreation() throws Exception {
        ListCommand command = new ListCommand();
        command.users = new FakeUserService().with("carol", Role.OPERATOR, "correct horse");
        command.zone = ZoneId.of("UTC");

        console.run(command);

        List<String> rows = console.out().lines().skip(2).map(r -> r.replaceAll("\\s*\\|\\s*", "|").trim())
                .collect(Collectors.toList());
        assertEquals(List.of("admin|admin|2026-11-01 09:30:00 UTC", "carol|operator|2026-11-01 09:30:00 UTC"), rows);
    }
}
