package io.peeros.shell.internal.peer;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import io.peeros.shell.internal.Console;
import io.peeros.shell.internal.FakePeerRegistry;
import org.junit.Rule;
import org.junit.Test;

public class InfoCommandTest {

    @Rule
    public final Console console = new Console();

    @Test
    public void showsIdentityUrlsAndCapacityInHumanUnits() throws Exception {
        FakePeerRegistry registry = new FakePeerRegistry();
        InfoCommand command = new InfoCommand();
        command.registry = registry;

        console.run(command);

        String out = console.out();
        assertLine(out, "Peer id", registry.local.id());
        assertLine(out, "Name", "local");
        assertLine(out, "Version", "0.1.0");
        assertLine(out, "Public URL", "https://local:8443");
        assertLine(out, "Peer URL", "https://local:8444");
        assertLine(out, "Certificate", "AA:BB");
        assertLine(out, "CPU cores", "4");
        assertLine(out, "RAM", "3.5 GiB available of 16.0 GiB");
        assertLine(out, "Disk", "120.0 GiB free of 500.0 GiB");
        assertLine(out, "Load", "0.42");
        assertEquals(10, out.lines().count());
    }

    /** Each property is on its own row, its value in the second column. */
    static void assertLine(String out, String property, String value) {
        assertTrue(property + " = " + value + " in:\n" + out,
                out.lines().anyMatch(l -> l.startsWith(property + " ") && l.endsWith("| " + value)));
    }
}
