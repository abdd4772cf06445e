package io.peeros.shell.internal.template;

import io.peeros.container.api.TemplateInfo;
import io.peeros.shell.internal.completers.ContainerNameCompleter;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.completers.FileCompleter;

@Command(scope = "template", name = "export", description = "Packs a stopped container into a signed template archive.",
        detailedDescription = "The container must be stopped or frozen. The archive is signed with this peer's key"
                + " and names the container's template as its parent. It is written, not imported: import it here"
                + " or on another peer with template:import.")
@Service
public class ExportCommand extends TemplateCommandSupport {

    @Option(name = "-f", aliases = "--force", description = "Replace the file if it exists")
    boolean force;

    @Argument(index = 0, name = "container", required = true, description = "The stopped container")
    @Completion(ContainerNameCompleter.class)
    String container;

    @Argument(index = 1, name = "name", required = true, description = "The template name")
    String name;

    @Argument(index = 2, name = "version", required = true, description = "Its version: MAJOR.MINOR.PATCH")
    String version;

    @Argument(index = 3, name = "file", required = true, description = "The archive to write")
    @Completion(FileCompleter.class)
    String file;

    @Override
    protected Object doExecute() {
        TerminalProgress progress = new TerminalProgress(System.out);
        TemplateInfo info;
        try {
            info = store().export(container, name, version, output(file, force), progress);
        } finally {
            progress.finish();
        }
        System.out.println("Exported " + container + " as template " + info.id() + " to " + path(file) + ".");
        return null;
    }
}
