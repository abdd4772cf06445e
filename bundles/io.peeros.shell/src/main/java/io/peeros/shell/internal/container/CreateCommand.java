package io.peeros.shell.internal.container;

import io.peeros.container.api.ContainerInfo;
import io.peeros.container.api.Template;
import io.peeros.container.api.TemplateStore;
import io.peeros.shell.internal.completers.TemplateNameCompleter;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

@Command(scope = "container", name = "create", description = "Creates a stopped container from a template.",
        detailedDescription = "The template is a name for its newest version, or name:version. The container gets"
                + " its own copy of the template's root file system and an address from the peer.")
@Service
public class CreateCommand extends ContainerCommandSupport {

    @Argument(index = 0, name = "name", required = true, description = "The new container's name (a DNS label)")
    String name;

    @Argument(index = 1, name = "template", required = true, description = "name or name:version")
    @Completion(TemplateNameCompleter.class)
    String template;

    @Reference(optional = true)
    TemplateStore templates;

    @Override
    protected Object doExecute() {
        int colon = template.indexOf(':');
        String version = colon < 0 ? null : template.substring(colon + 1);
        Template resolved = require(templates, "the template store", "TEMPLATES_UNAVAILABLE").get(colon < 0 ? template
                : template.substring(0, colon), version);
        ContainerInfo created = manager().create(name, resolved);
        System.out.println("Created container " + created.name() + " from " + resolved.name() + " ("
                + created.state().name() + ").");
        return null;
    }
}
