package io.peeros.container.lxc.internal;

import io.peeros.container.api.ContainerException;
import io.peeros.container.api.ContainerInfo;
import io.peeros.container.api.ContainerState;
import io.peeros.container.api.Template;
import io.peeros.container.lxc.internal.jna.Liblxc;
import io.peeros.container.lxc.internal.jna.LxcContainer;
import io.peeros.container.lxc.internal.jna.LxcException;
import io.peeros.container.lxc.internal.network.HostNetwork;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * Makes and removes containers. Making is all or nothing: a create or clone that fails at any step removes
 * what it made, the address lease included; removing gives the lease back and drops the port mappings.
 * With a host network, each new container gets a lease and the peer's {@code lxc.net.0.*} keys; without one
 * it keeps the network its template (or source) configures. The caller holds the name locks.
 */
final class ContainerProvisioning {

    private final Liblxc lxc;
    private final LxcTools tools;
    private final HostNetwork network;
    private final ExecutorService background;

    ContainerProvisioning(Liblxc lxc, LxcTools tools, HostNetwork network, ExecutorService background) {
        this.lxc = lxc;
        this.tools = tools;
        this.network = network;
        this.background = background;
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
            files.writeConfig(name, template, lxc::isConfigKeySupported, attach(s, name));
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

    /**
     * A stopped overlay clone of the stopped container {@code source}; returns what it is. The address lease
     * is taken and committed to disk on another thread while {@code lxc-copy} runs (neither needs the other);
     * then the clone's config and metadata are recorded in one durable step.
     */
    ContainerInfo clone(ManagerSettings s, String source, String name, ContainerState sourceState) {
        ContainerFiles files = new ContainerFiles(s.lxcPath());
        if (sourceState != ContainerState.STOPPED) {
            throw new ContainerException(ContainerException.INVALID_STATE, "container " + source + " is "
                    + sourceState + ": only a stopped container can be cloned, stop it first");
        }
        if (Files.exists(files.dir(name))) {
            throw Errors.taken(name);
        }
        Future<List<String>> lease = null;
        try {
            lease = network == null ? null : background.submit(() -> attach(s, name));
            tools.snapshot(s, source, name);
            List<String> net = lease == null ? List.of() : leased(lease);
            ContainerFiles.Metadata from = files.readMetadata(source);
            ContainerFiles.Metadata made = new ContainerFiles.Metadata(from.template(), source, Instant.now());
            String hostname = files.recordClone(name, net, made);
            return new ContainerInfo(name, ContainerState.STOPPED, 0, List.of(), made.template(), made.origin(),
                    made.created(), hostname, network == null ? List.of() : network.ports(name));
        } catch (IOException | RuntimeException e) {
            if (lease != null) {
                settle(lease, e);
            }
            undo(s, name, e);
            throw e instanceof ContainerException ce ? ce : Errors.failure("clone " + source, e);
        }
    }

    /** The network lines of the lease taken on another thread; its failure is rethrown as it was. */
    private static List<String> leased(Future<List<String>> lease) {
        try {
            return lease.get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while leasing an address", e);
        }
    }

    /** Lets the lease finish before the undo gives it back, so that nothing is left leased. */
    private static void settle(Future<List<String>> lease, Exception reported) {
        boolean interrupted = false;
        while (true) {
            try {
                lease.get();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            } catch (ExecutionException e) {
                if (e.getCause() != reported) {
                    reported.addSuppressed(e.getCause());
                }
                break;
            } catch (RuntimeException e) {
                break;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Removes the container {@code c} (stopping it first) with its file system, lease and port mappings. A
     * directory LXC no longer knows is removed too; a name with neither is {@code NOT_FOUND}.
     */
    void destroy(ManagerSettings s, LxcContainer c) {
        ContainerFiles files = new ContainerFiles(s.lxcPath());
        String name = c.name();
        try {
            if (!c.isDefined()) {
                if (!Files.exists(files.dir(name))) {
                    release(name);
                    throw Errors.notFound(name);
                }
            } else {
                List<String> clones = files.clones(name);
                if (!clones.isEmpty()) {
                    throw new ContainerException(ContainerException.IN_USE, "container " + name
                            + " cannot be destroyed: its clones " + clones + " are built on its file system");
                }
                Lifecycle.halt(c, Duration.ZERO);
                c.destroy();
            }
            files.deleteTree(name);
            release(name);
        } catch (LxcException | IOException e) {
            throw Errors.failure("destroy " + name, e);
        }
    }

    private void release(String name) {
        if (network != null) {
            network.release(name);
        }
    }

    private List<String> attach(ManagerSettings s, String name) {
        return network == null ? List.of() : network.attach(name, s.lxcPath());
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
        try {
            release(name);
        } catch (RuntimeException e) {
            cause.addSuppressed(e);
        }
    }
}
