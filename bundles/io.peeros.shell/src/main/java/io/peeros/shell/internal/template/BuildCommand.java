package io.peeros.shell.internal.template;

import io.peeros.container.api.ContainerException;
import io.peeros.container.api.TemplateInfo;
import io.peeros.container.api.TemplateStore;
import io.peeros.shell.internal.completers.TemplateNameCompleter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.completers.FileCompleter;

@Command(scope = "template", name = "build", description = "Packs a template directory into a signed archive.",
        detailedDescription = "The directory is a recipe's output: rootfs/ and config (see lxc-templates/); a"
                + " directory without rootfs/ is taken as a bare rootfs and gets the default config. The archive is"
                + " signed with this peer's key; --import imports it right away.")
@Service
public class BuildCommand extends TemplateCommandSupport {

    @Option(name = "-p", aliases = "--parent", description = "The stored template this one derives from, name:version")
    @Completion(TemplateNameCompleter.class)
    String parent;

    @Option(name = "-i", aliases = "--import", description = "Import the archive once it is written")
    boolean importIt;

    @Option(name = "-f", aliases = "--force", description = "Replace the archive if it exists")
    boolean force;

    @Argument(index = 0, name = "directory", required = true, description = "The template directory")
    @Completion(FileCompleter.class)
    String directory;

    @Argument(index = 1, name = "name", required = true, description = "The template name")
    String name;

    @Argument(index = 2, name = "version", required = true, description = "Its version: MAJOR.MINOR.PATCH")
    String version;

    @Argument(index = 3, name = "file", required = true, description = "The archive to write")
    @Completion(FileCompleter.class)
    String file;

    @Override
    protected Object doExecute() {
        TemplateStore store = store();
        Path source = path(directory);
        if (!Files.isDirectory(source)) {
            throw new ContainerException(ContainerException.INVALID_REQUEST, "there is no directory " + source);
        }
        Path archive = output(file, force);
        TerminalProgress progress = new TerminalProgress(System.out);
        try {
            TemplateInfo info = store.build(source, name, version, parent, archive, progress);
            progress.finish();
            System.out.println("Built template " + info.id() + " into " + archive + ".");
            if (importIt) {
                info = store.importArchive(archive, progress);
                progress.finish();
                System.out.println("Imported template " + info.id() + ".");
            }
        } finally {
            progress.finish();
        }
        return null;
    }
}
