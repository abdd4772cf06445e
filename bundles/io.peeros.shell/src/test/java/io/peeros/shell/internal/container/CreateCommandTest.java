package io.peeros.shell.internal.container;

import static org.junit.Assert.assertEquals;

import io.peeros.shell.internal.Console;
import io.peeros.container.api.testing.FakeContainerManager;
import io.peeros.container.api.testing.FakeTemplateStore;
import java.util.List;
import org.junit.Rule;
import org.junit.Test;

public class CreateCommandTest {

    private static final String NL = System.lineSeparator();

    @Rule
    public final Console console = new Console();

    private final FakeContainerManager containers = new FakeContainerManager();
    private final FakeTemplateStore templates = new FakeTemplateStore().with("busybox", "1.0.0")
            .with("busybox", "1.2.0");

    private CreateCommand command(String name, String template) {
        CreateCommand command = new CreateCommand();
        command.containers = containers;
        command.templates = templates;
        command.name = name;
        command.template = template;
        return command;
    }

    @Test
    public void fromTheNewestVersionOrANamedOne() throws Exception {
        console.run(command("web", "busybox"));
        console.run(command("old", "busybox:1.0.0"));

        assertEquals("Created container web from busybox:1.2.0 (STOPPED)." + NL
                + "Created container old from busybox:1.0.0 (STOPPED)." + NL, console.out());
        assertEquals("busybox:1.0.0", containers.info("old").template());
    }

    @Test
    public void refusalsOfTheStoreAndTheManager() throws Exception {
        console.run(command("web", "debian"));
        console.run(command("web", "busybox"));
        console.run(command("web", "busybox"));
        CreateCommand withoutStore = command("db", "busybox");
        withoutStore.templates = null;
        console.run(withoutStore);

        assertEquals(List.of("Error: there is no template 'debian' [NOT_FOUND]",
                "Error: container 'web' exists already [NAME_TAKEN]",
                "Error: the template store is not available: is the PeerOS container bundle installed and started?"
                        + " [TEMPLATES_UNAVAILABLE]"), console.err().lines().toList());
        assertEquals(1, containers.list().size());
    }
}
