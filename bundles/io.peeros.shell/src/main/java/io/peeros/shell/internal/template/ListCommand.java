package io.peeros.shell.internal.template;

import io.peeros.container.api.TemplateInfo;
import io.peeros.shell.internal.Format;
import java.time.Instant;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

@Command(scope = "template", name = "list", description = "Lists the templates of this peer, every version.")
@Service
public class ListCommand extends TemplateCommandSupport {

    @Override
    protected Object doExecute() {
        Instant now = clock.instant();
        ShellTable table = new ShellTable().emptyTableText("No templates. Import one with template:import <file>.");
        table.column("Name");
        table.column("Version");
        table.column("Parent");
        table.column("Arch");
        table.column("Size").alignRight();
        table.column("Archive").alignRight();
        table.column("Built");
        table.column("Publisher");
        for (TemplateInfo info : store().list()) {
            table.addRow().addContent(info.name(), info.version(), info.parentId().orElse("-"), info.architecture(),
                    Format.bytes(info.rootfsSize()), Format.bytes(info.rootfsCompressedSize()),
                    Format.ago(info.created(), now), Format.shortId(info.publisher()));
        }
        table.print(System.out);
        return null;
    }
}
