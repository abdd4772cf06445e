package io.peeros.shell.internal.template;

import io.peeros.shell.internal.completers.TemplateNameCompleter;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Service;

@Command(scope = "template", name = "remove", description = "Removes a template version, or every version of it.",
        detailedDescription = "Give name:version for one version, or the name for all of them. A template that"
                + " containers were created from, or that another template names as parent, is not removed.")
@Service
public class RemoveCommand extends TemplateCommandSupport {

    @Argument(index = 0, name = "template", required = true, description = "name or name:version")
    @Completion(TemplateNameCompleter.class)
    String template;

    @Override
    protected Object doExecute() {
        String[] ref = ref(template);
        store().remove(ref[0], ref[1]);
        System.out.println(ref[1] == null ? "Removed every version of template " + ref[0] + "."
                : "Removed template " + template + ".");
        return null;
    }
}
