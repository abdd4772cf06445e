package io.peeros.container.lxc.internal;

import io.peeros.container.api.ContainerException;
import io.peeros.container.api.ContainerInfo;
import io.peeros.container.api.ContainerManager;
import io.peeros.container.api.ContainerState;
import io.peeros.container.api.ExecRequest;
import io.peeros.container.api.ExecResult;
import io.peeros.container.api.Template;
import io.peeros.container.lxc.internal.jna.Liblxc;
import io.peeros.container.lxc.internal.jna.LxcContainer;
import io.peeros.container.lxc.internal.jna.LxcException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link ContainerManager} over LXC. State, stop, freeze, destroy and cgroups go through liblxc (JNA);
 * start, exec and clone run the {@code lxc-start}, {@code lxc-attach} and {@code lxc-copy} tools, because
 * liblxc forks the calling process for them and the calling process here is the whole JVM.
 */
@Component(service = ContainerManager.class, configurationPid = "io.peeros.container.lxc.LxcContainerManager")
@Designate(ocd = LxcContainerManager.Config.class)
public class LxcContainerManager implements ContainerManager {

    @ObjectClassDefinition(name = "PeerOS LXC container manager")
    public @interface Config {
        @AttributeDefinition(description = "LXC directory holding one directory per container")
        String lxcPath() default "/var/lib/lxc";

        @AttributeDefinition(description = "Seconds a clean stop may take before the container is killed")
        int defaultStopTimeoutSeconds() default 10;

        @AttributeDefinition(description = "Seconds lxc-start may take to bring a container up")
        int startTimeoutSeconds() default 30;

        @AttributeDefinition(description = "Seconds an exec may run when the request names no timeout")
        int execTimeoutSeconds() default 300;

        @AttributeDefinition(description = "Bytes of stdout and of stderr kept per exec")
        int maxExecOutputBytes() default 8 * 1024 * 1024;
    }

    private static final Logger LOG = LoggerFactory.getLogger(LxcContainerManager.class);

    private final Liblxc lxc;
    private final ExecutorService pumps;
    private final LxcTools tools;
    private final LxcExec exec;
    private final ContainerProvisioning provisioning;
    private final NameLocks locks = new NameLocks();
    private volatile ManagerSettings settings;

    @Activate
    public LxcContainerManager(Config config) throws LxcException, IOException {
        this.lxc = Liblxc.load();
        apply(config);
        this.pumps = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "peeros-lxc-io");
            t.setDaemon(true);
            return t;
        });
        ProcessRunner runner = new ProcessRunner(pumps);
        this.tools = new LxcTools(runner);
        this.exec = new LxcExec(runner);
        this.provisioning = new ContainerProvisioning(lxc, tools);
        LOG.info("LXC container manager on liblxc {} in {}", lxc.version(), settings.lxcPath());
    }

    @Modified
    void modified(Config config) throws IOException {
        apply(config);
    }

    @Deactivate
    void deactivate() {
        pumps.shutdownNow();
    }

    private void apply(Config config) throws IOException {
        ManagerSettings s = ManagerSettings.from(config);
        if (!Files.isDirectory(s.lxcPath())) {
            Files.createDirectories(s.lxcPath(), PosixFilePermissions.asFileAttribute(
                    PosixFilePermissions.fromString("rwx------")));
        }
        this.settings = s;
    }

    private ContainerFiles files() {
        return new ContainerFiles(settings.lxcPath());
    }

    @Override
    public ContainerInfo create(String name, Template template) {
        ContainerNames.check(name);
        try (NameLocks.Held h = locks.lock(name)) {
            provisioning.create(settings, name, template);
            return info(name);
        }
    }

    @Override
    public ContainerInfo clone(String source, String name) {
        ContainerNames.check(source);
        ContainerNames.check(name);
        try (NameLocks.Held h = locks.lock(source, name)) {
            provisioning.clone(settings, source, name, state(source));
            return info(name);
        }
    }

    @Override
    public ContainerInfo start(String name) {
        ContainerNames.check(name);
        try (NameLocks.Held h = locks.lock(name); LxcContainer c = existing(name)) {
            if (!c.isRunning()) {
                tools.start(settings, files(), name);
                if (!c.waitFor("RUNNING", 5)) {
                    throw new ContainerException(ContainerException.LXC_FAILURE, "container " + name
                            + " was started but is " + c.state() + ": " + files().logTail(name));
                }
            }
            return info(c);
        }
    }

    @Override
    public ContainerInfo stop(String name, Duration timeout) {
        ContainerNames.check(name);
        Duration t = timeout == null ? settings.stopTimeout() : timeout;
        if (t.isNegative()) {
            throw new ContainerException(ContainerException.INVALID_REQUEST, "stop timeout cannot be negative");
        }
        try (NameLocks.Held h = locks.lock(name); LxcContainer c = existing(name)) {
            Lifecycle.halt(c, t);
            return info(c);
        }
    }

    @Override
    public ContainerInfo restart(String name) {
        ContainerNames.check(name);
        try (NameLocks.Held h = locks.lock(name)) {
            stop(name, null);
            return start(name);
        }
    }

    @Override
    public void destroy(String name) {
        ContainerNames.check(name);
        ContainerFiles f = files();
        try (NameLocks.Held h = locks.lock(name); LxcContainer c = open(name)) {
            if (!c.isDefined()) {
                if (!Files.exists(f.dir(name))) {
                    throw Errors.notFound(name);
                }
                f.deleteTree(name);
                return;
            }
            List<String> clones = f.clones(name);
            if (!clones.isEmpty()) {
                throw new ContainerException(ContainerException.IN_USE, "container " + name
                        + " cannot be destroyed: its clones " + clones + " are built on its file system");
            }
            Lifecycle.halt(c, Duration.ZERO);
            c.destroy();
            if (Files.exists(f.dir(name))) {
                f.deleteTree(name);
            }
        } catch (LxcException | IOException e) {
            throw Errors.failure("destroy " + name, e);
        }
    }

    @Override
    public ContainerInfo freeze(String name) {
        return freezeOrThaw(name, true);
    }

    @Override
    public ContainerInfo unfreeze(String name) {
        return freezeOrThaw(name, false);
    }

    private ContainerInfo freezeOrThaw(String name, boolean freeze) {
        ContainerNames.check(name);
        try (NameLocks.Held h = locks.lock(name); LxcContainer c = existing(name)) {
            Lifecycle.freezeOrThaw(c, freeze);
            return info(c);
        }
    }

    @Override
    public ExecResult exec(String name, ExecRequest request) {
        ContainerNames.check(name);
        int pid;
        try (LxcContainer c = existing(name)) {
            ContainerState state = Lifecycle.state(c);
            if (state != ContainerState.RUNNING) {
                throw new ContainerException(ContainerException.INVALID_STATE, "container " + name + " is "
                        + state + ": commands run only in a RUNNING container");
            }
            pid = c.initPid();
        }
        return exec.run(settings, name, pid, request);
    }

    @Override
    public ContainerState state(String name) {
        ContainerNames.check(name);
        try (LxcContainer c = existing(name)) {
            return Lifecycle.state(c);
        }
    }

    @Override
    public ContainerInfo info(String name) {
        ContainerNames.check(name);
        try (LxcContainer c = existing(name)) {
            return info(c);
        }
    }

    @Override
    public List<ContainerInfo> list() {
        List<ContainerInfo> all = new ArrayList<>();
        try {
            for (String name : files().names()) {
                try {
                    all.add(info(name));
                } catch (ContainerException e) {
                    // gone since the directory was listed, or LXC cannot read it: the rest still lists
                    if (!ContainerException.NOT_FOUND.equals(e.code())) {
                        LOG.warn("container {} left out of the list: {}", name, e.getMessage());
                    }
                }
            }
        } catch (IOException e) {
            throw Errors.failure("list containers in " + settings.lxcPath(), e);
        }
        return all;
    }

    private ContainerInfo info(LxcContainer c) {
        ContainerState state = Lifecycle.state(c);
        int pid = state.isActive() ? Math.max(0, c.initPid()) : 0;
        ContainerFiles.Metadata m = files().readMetadata(c.name());
        return new ContainerInfo(c.name(), state, pid, pid > 0 ? ProcNet.addresses(pid) : List.of(), m.template(),
                m.origin(), m.created());
    }

    private LxcContainer open(String name) {
        try {
            return lxc.open(name, settings.lxcPath().toString());
        } catch (LxcException e) {
            throw Errors.failure("open " + name, e);
        }
    }

    private LxcContainer existing(String name) {
        LxcContainer c = open(name);
        if (!c.isDefined()) {
            c.close();
            throw Errors.notFound(name);
        }
        return c;
    }
}
