package io.peeros.shell.internal.completers;

import static org.junit.Assert.assertEquals;

import io.peeros.environment.api.Environment;
import io.peeros.environment.api.EnvironmentContainer;
import io.peeros.shell.internal.env.FakeEnvironments;
import java.util.ArrayList;
import java.util.List;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.junit.Test;

public class EnvCompletersTest {

    private final FakeEnvironments environments = new FakeEnvironments();

    public EnvCompletersTest() {
        environments.put(FakeEnvironments.healthy("web"));
        Environment db = FakeEnvironments.healthy("db");
        environments.put(new Environment(db.id(), db.name(), db.state(), db.initiatorPeerId(), db.subnet(),
                List.of(new EnvironmentContainer("env-db-pg-1", "pg-1", "postgres", "p", "10.200.8.2/24", "pg")),
                db.failure(), db.created(), db.updated()));
    }

    @Test
    public void environmentNamesAndNothingWithoutTheService() {
        EnvironmentNameCompleter completer = new EnvironmentNameCompleter();
        completer.environments = environments;

        assertEquals(List.of("web "), complete(completer, "w"));
        assertEquals(2, complete(completer, "").size());
        completer.environments = null;
        assertEquals(List.of(), complete(completer, ""));
    }

    @Test
    public void groupNamesOfTheEnvironmentBeforeTheCursor() {
        GroupNameCompleter completer = new GroupNameCompleter();
        completer.environments = environments;

        assertEquals(List.of("postgres "), complete(completer, "db", ""));
        assertEquals(List.of("web "), complete(completer, "web", ""));
        assertEquals(List.of("postgres ", "web "), complete(completer, "nope", ""));
    }

    private static List<String> complete(Completer completer, String... words) {
        List<String> candidates = new ArrayList<>();
        String[] all = new String[words.length + 1];
        all[0] = "env:grow";
        System.arraycopy(words, 0, all, 1, words.length);
        completer.complete(null, new Line(all), candidates);
        candidates.sort(null);
        return candidates;
    }

    /** The command line with the cursor at the end of its last word. */
    private record Line(String[] words) implements CommandLine {

        @Override
        public int getCursorArgumentIndex() {
            return words.length - 1;
        }

        @Override
        public String getCursorArgument() {
            return words[words.length - 1];
        }

        @Override
        public int getArgumentPosition() {
            return getCursorArgument().length();
        }

        @Override
        public String[] getArguments() {
            return words;
        }

        @Override
        public int getBufferPosition() {
            return getBuffer().length();
        }

        @Override
        public String getBuffer() {
            return String.join(" ", words);
        }
    }
}
