package io.peeros.shell.internal.completers;

import io.peeros.container.api.SizeClass;
import java.util.List;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;

/** Completes the size classes: TINY, SMALL, MEDIUM, LARGE, HUGE. */
@Service
public class SizeClassCompleter implements Completer {

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        StringsCompleter delegate = new StringsCompleter(false);
        for (SizeClass size : SizeClass.values()) {
            delegate.getStrings().add(size.name());
        }
        return delegate.complete(session, commandLine, candidates);
    }
}
