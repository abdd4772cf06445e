package io.peeros.shell.internal.completers;

import static org.junit.Assert.assertEquals;

import io.peeros.container.api.ContainerState;
import io.peeros.container.api.testing.FakeContainerManager;
import io.peeros.container.api.testing.FakeTemplateStore;
import java.util.ArrayList;
import java.util.List;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.junit.Test;

public class ContainerCompletersTest {

    @Test
    public void containerNamesAndNothingWithoutTheService() {
        ContainerNameCompleter completer = new ContainerNameCompleter();
        completer.containers = new FakeContainerManager().with("web", "busybox", ContainerState.RUNNING)
                .with("db", "debian", ContainerState.STOPPED).with("web-2", "busybox", ContainerState.STOPPED);

        assertEquals(List.of("web ", "web-2 "), complete(completer, "we"));
        assertEquals(3, complete(completer, "").size());
        completer.containers = null;
        assertEquals(List.of(), complete(completer, ""));
    }

    @Test
    public void templateNamesAndIds() {
        TemplateNameCompleter completer = new TemplateNameCompleter();
        completer.templates = new FakeTemplateStore().with("busybox", "1.0.0").with("busybox", "1.1.0")
                .with("debian", "12.0.0");

        assertEquals(List.of("busybox ", "busybox:1.0.0 ", "busybox:1.1.0 "), complete(completer, "bu"));
        assertEquals(List.of("debian:12.0.0 "), complete(completer, "debian:"));
        completer.templates = null;
        assertEquals(List.of(), complete(completer, ""));
    }

    @Test
    public void sizeClassesIgnoringCase() {
        assertEquals(List.of("SMALL "), complete(new SizeClassCompleter(), "sm"));
        assertEquals(5, complete(new SizeClassCompleter(), "").size());
    }

    static List<String> complete(Completer completer, String typed) {
        List<String> candidates = new ArrayList<>();
        completer.complete(null, new TypedLine("container:x " + typed, typed), candidates);
        return candidates;
    }

    /** The command line with the cursor at the end of the argument being typed. */
    private record TypedLine(String buffer, String argument) implements CommandLine {

        @Override
        public int getCursorArgumentIndex() {
            return 1;
        }

        @Override
        public String getCursorArgument() {
            return argument;
        }

        @Override
        public int getArgumentPosition() {
            return argument.length();
        }

        @Override
        public String[] getArguments() {
            return buffer.split(" ", -1);
        }

        @Override
        public int getBufferPosition() {
            return buffer.length();
        }

        @Override
        public String getBuffer() {
            return buffer;
        }
    }
}
