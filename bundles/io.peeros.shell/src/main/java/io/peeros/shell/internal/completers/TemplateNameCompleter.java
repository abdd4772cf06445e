package io.peeros.shell.internal.completers;

import io.peeros.container.api.TemplateInfo;
import io.peeros.container.api.TemplateStore;
import java.util.List;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;

/** Completes template names and {@code name:version} ids; nothing while no template store runs. */
@Service
public class TemplateNameCompleter implements Completer {

    @Reference(optional = true)
    TemplateStore templates;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        StringsCompleter delegate = new StringsCompleter();
        if (templates != null) {
            for (TemplateInfo info : templates.list()) {
                delegate.getStrings().add(info.name());
                delegate.getStrings().add(info.id());
            }
        }
        return delegate.complete(session, commandLine, candidates);
    }
}
