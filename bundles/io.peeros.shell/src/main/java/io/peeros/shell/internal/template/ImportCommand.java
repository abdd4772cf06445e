package io.peeros.shell.internal.template;

import io.peeros.container.api.ContainerException;
import io.peeros.container.api.TemplateInfo;
import io.peeros.container.api.TemplateStore;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.completers.FileCompleter;

@Command(scope = "template", name = "import", description = "Verifies and imports a signed template archive.",
        detailedDescription = "Checks the signature, the publisher (this peer or a trusted one), the hashes, the LXC"
                + " config and every rootfs entry before the template becomes visible; a refused archive leaves"
                + " nothing behind. Progress is shown while the archive is read and unpacked.")
@Service
public class ImportCommand extends TemplateCommandSupport {

    @Argument(index = 0, name = "file", required = true, description = "The template archive (.tar)")
    @Completion(FileCompleter.class)
    String file;

    @Override
    protected Object doExecute() {
        TemplateStore store = store();
        Path archive = path(file);
        if (!Files.isRegularFile(archive)) {
            throw new ContainerException(ContainerException.INVALID_REQUEST, "there is no file " + archive);
        }
        TerminalProgress progress = new TerminalProgress(System.out);
        TemplateInfo info;
        try {
            info = store.importArchive(archive, progress);
        } finally {
            progress.finish();
        }
        System.out.println("Imported template " + info.id() + " (" + info.architecture() + ", published by "
                + info.publisher() + ").");
        return null;
    }
}
