package io.peeros.container.lxc.internal;

import io.peeros.container.api.ContainerException;
import io.peeros.container.api.ContainerState;
import io.peeros.container.api.Template;
import io.peeros.container.lxc.internal.jna.Liblxc;
import io.peeros.container.lxc.internal.jna.LxcContainer;
import io.peeros.container.lxc.internal.jna.LxcException;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.time.Instant;

/**
 * Makes new containers, all or nothing: a create or clone that fails at any step removes what it made.
 * The caller holds the name locks.
 */
final class ContainerProvisioning {

    private final Liblxc lxc;
    private final LxcTools tools;

    ContainerProvisioning(Liblxc lxc, LxcTools tools) {
        this.lxc = lxc;
        this.tools = tools;
    }

    /** A stopped container with its own copy of the template's rootfs and the template's config. */
    void create(ManagerSettings s, String name, Template template) {
        ContainerFiles files = new ContainerFiles(s.lxcPath());
        if (!Files.isDirectory(template.rootfs())) {
            throw Errors.invalidTemplate(template, "no rootfs directory at " + template.rootfs());
        }
        try {
            Files.createDirectory(files.dir(name));
        } catch (FileAlreadyExistsException e) {
            throw Errors.taken(name);
        } catch (IOException e) {
            throw Errors.failure("create the directory of " + name, e);
        }
        try {
            files.writeConfig(name, template, lxc::isConfigKeySupported);
            tools.copyTree(template.rootfs(), files.dir(name).resolve("rootfs"), "copy the rootfs of template "
                    + template.name());
            files.writeMetadata(name, new ContainerFiles.Metadata(template.name(), null, Instant.now()));
            try (LxcContainer c = lxc.open(name, s.lxcPath().toString())) {
                if (!c.isDefined()) {
                    throw new LxcException("not defined");
                }
            } catch (LxcException e) {
                throw Errors.invalidTemplate(template, "LXC does not accept its config");
            }
        } catch (IOException | RuntimeException e) {
            undo(s, name, e);
            throw e instanceof ContainerException ce ? ce : Errors.failure("create " + name, e);
        }
    }

    /** A stopped overlay clone of the stopped container {@code source}. */
    void clone(ManagerSettings s, String source, String name, ContainerState sourceState) {
        ContainerFiles files = new ContainerFiles(s.lxcPath());
        if (sourceState != ContainerState.STOPPED) {
            throw new ContainerException(ContainerException.INVALID_STATE, "container " + source + " is "
                    + sourceState + ": only a stopped container can be cloned, stop it first");
        }
        if (Files.exists(files.dir(name))) {
            throw Errors.taken(name);
        }
        try {
            tools.snapshot(s, source, name);
            ContainerFiles.Metadata from = files.readMetadata(source);
            files.writeMetadata(name, new ContainerFiles.Metadata(from.template(), source, Instant.now()));
        } catch (IOException | RuntimeException e) {
            undo(s, name, e);
            throw e instanceof ContainerException ce ? ce : Errors.failure("clone " + source, e);
        }
    }

    /** Removes a container whose making failed: through LXC if it got that far (LXC then also updates the
     * source's clone list), by hand for the rest. */
    private void undo(ManagerSettings s, String name, Exception cause) {
        try (LxcContainer c = lxc.open(name, s.lxcPath().toString())) {
            if (c.isDefined()) {
                c.destroy();
            }
        } catch (LxcException | RuntimeException e) {
            cause.addSuppressed(e);
        }
        try {
            new ContainerFiles(s.lxcPath()).deleteTree(name);
        } catch (IOException e) {
            cause.addSuppressed(e);
        }
    }
}
