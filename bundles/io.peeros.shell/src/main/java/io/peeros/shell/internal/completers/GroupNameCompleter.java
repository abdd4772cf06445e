package io.peeros.shell.internal.completers;

import io.peeros.environment.api.Environment;
import io.peeros.environment.api.EnvironmentContainer;
import io.peeros.environment.api.EnvironmentService;
import java.util.List;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;

/**
 * Completes the group names of the environment named by the argument before the cursor ({@code env:grow web
 * <TAB>}); of every environment when that one is not known.
 */
@Service
public class GroupNameCompleter implements Completer {

    @Reference(optional = true)
    EnvironmentService environments;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        StringsCompleter delegate = new StringsCompleter();
        if (environments != null) {
            String[] words = commandLine.getArguments();
            int index = commandLine.getCursorArgumentIndex();
            String env = index >= 1 && index - 1 < words.length ? words[index - 1] : null;
            List<Environment> chosen = env == null ? List.of()
                    : environments.get(env).map(List::of).orElse(List.of());
            for (Environment e : chosen.isEmpty() ? environments.list() : chosen) {
                for (EnvironmentContainer c : e.containers()) {
                    delegate.getStrings().add(c.group());
                }
            }
        }
        return delegate.complete(session, commandLine, candidates);
    }
}
