package io.peeros.shell.internal.template;

import io.peeros.container.api.ContainerException;
import io.peeros.container.api.TemplateStore;
import io.peeros.shell.internal.CommandFailure;
import io.peeros.shell.internal.ShellCommandSupport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.apache.karaf.shell.api.action.lifecycle.Reference;

/**
 * Base of the {@code template:*} commands. The template store is optional: the commands stay listed when it
 * does not run, and say so when called.
 */
public abstract class TemplateCommandSupport extends ShellCommandSupport {

    /** The code of a command called while the template store is absent. */
    public static final String UNAVAILABLE = "TEMPLATES_UNAVAILABLE";

    @Reference(optional = true)
    TemplateStore templates;

    /** For relative times; tests set a fixed clock. */
    Clock clock = Clock.systemDefaultZone();

    /** The template store, or a refusal naming what is missing. */
    TemplateStore store() {
        if (templates == null) {
            throw new CommandFailure("the template store is not available: is the PeerOS template bundle installed"
                    + " and started?", UNAVAILABLE);
        }
        return templates;
    }

    /** {@code path} made absolute; relative paths are taken from Karaf's working directory. */
    static Path path(String path) {
        return Path.of(path).toAbsolutePath().normalize();
    }

    /** A file to write: its directory must exist, and an existing file is only replaced with {@code force}. */
    static Path output(String file, boolean force) {
        Path out = path(file);
        if (out.getParent() != null && !Files.isDirectory(out.getParent())) {
            throw new ContainerException(ContainerException.INVALID_REQUEST, "directory " + out.getParent()
                    + " does not exist");
        }
        if (!force && Files.exists(out)) {
            throw new ContainerException(ContainerException.INVALID_REQUEST, out + " exists already; give --force"
                    + " to replace it");
        }
        return out;
    }

    /** {@code name} or {@code name:version}: [name, version or null]. */
    static String[] ref(String ref) {
        int colon = ref.indexOf(':');
        return colon < 0 ? new String[] {ref, null} : new String[] {ref.substring(0, colon), ref.substring(colon + 1)};
    }
}
