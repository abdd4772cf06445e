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
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
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
    private static final long COPY_TIMEOUT_MILLIS = 30 * 60 * 1000L;
    private static final int TOOL_OUTPUT = 64 * 1024;

    private final Liblxc lxc;
    private final ExecutorService pumps;
    private final ProcessRunner runner;
    private final LxcExec exec;
    private final NameLocks locks = new NameLocks();
    private volatile ManagerSettings settings;
    private volatile ContainerFiles files;

    @Activate
    public LxcContainerManager(Config config) throws LxcException, IOException {
        this.lxc = Liblxc.load();
        apply(config);
        this.pumps = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "peeros-lxc-io");
            t.setDaemon(true);
            return t;
        });
        this.runner = new ProcessRunner(pumps);
        this.exec = new LxcExec(runner);
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
        this.files = new ContainerFiles(s.lxcPath());
        this.settings = s;
    }

    @Override
    public ContainerInfo create(String name, Template template) {
        ContainerNames.check(name);
        if (!Files.isDirectory(template.rootfs())) {
            throw ContainerFiles.invalidTemplate(template, "no rootfs directory at " + template.rootfs());
        }
        ContainerFiles f = files;
        try (NameLocks.Held h = locks.lock(name)) {
            try {
                Files.createDirectory(f.dir(name));
            } catch (FileAlreadyExistsException e) {
                throw taken(name);
            } catch (IOException e) {
                throw failure("create the directory of " + name, e);
            }
            try {
                tool(List.of("cp", "-a", template.rootfs().toString(), f.dir(name).resolve("rootfs").toString()),
                        COPY_TIMEOUT_MILLIS, "copy the rootfs of template " + template.name());
                f.writeConfig(name, template);
                f.writeMetadata(name, new ContainerFiles.Metadata(template.name(), null, Instant.now()));
                try (LxcContainer c = open(name)) {
                    if (!c.isDefined()) {
                        throw ContainerFiles.invalidTemplate(template, "LXC does not accept its config");
                    }
                }
                return info(name);
            } catch (IOException | RuntimeException e) {
                undo(f, name, e);
                throw e instanceof ContainerException ce ? ce : failure("create " + name, e);
            }
        }
    }

    @Override
    public ContainerInfo clone(String source, String name) {
        ContainerNames.check(source);
        ContainerNames.check(name);
        ContainerFiles f = files;
        try (NameLocks.Held h = locks.lock(source, name)) {
            ContainerState sourceState = state(source);
            if (sourceState != ContainerState.STOPPED) {
                throw new ContainerException(ContainerException.INVALID_STATE, "container " + source + " is "
                        + sourceState + ": only a stopped container can be cloned, stop it first");
            }
            if (Files.exists(f.dir(name))) {
                throw taken(name);
            }
            try {
                tool(List.of("lxc-copy", "-n", source, "-P", settings.lxcPath().toString(), "-N", name, "-s", "-B",
                        "overlay"), COPY_TIMEOUT_MILLIS, "clone " + source + " to " + name);
                ContainerFiles.Metadata from = f.readMetadata(source);
                f.writeMetadata(name, new ContainerFiles.Metadata(from.template(), source, Instant.now()));
                return info(name);
            } catch (IOException | RuntimeException e) {
                undo(f, name, e);
                throw e instanceof ContainerException ce ? ce : failure("clone " + source, e);
            }
        }
    }

    @Override
    public ContainerInfo start(String name) {
        ContainerNames.check(name);
        try (NameLocks.Held h = locks.lock(name); LxcContainer c = existing(name)) {
            if (!c.isRunning()) {
                ManagerSettings s = settings;
                String log = files.dir(name).resolve("lxc.log").toString();
                ProcessRunner.Outcome o = tool(List.of("lxc-start", "-n", name, "-P", s.lxcPath().toString(), "-d",
                        "-o", log, "-l", "ERROR"), s.startTimeout().toMillis(), null);
                if (o.exitCode() != 0 || !c.waitFor("RUNNING", 5)) {
                    throw new ContainerException(ContainerException.LXC_FAILURE, "container " + name
                            + " failed to start: " + o.stderrText() + "\n" + files.logTail(name));
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
            halt(c, t);
            return info(c);
        }
    }

    /** Clean halt within {@code timeout} (rounded up to seconds), then a kill. */
    private void halt(LxcContainer c, Duration timeout) {
        try {
            if (!c.isRunning()) {
                return;
            }
            if ("FROZEN".equals(c.state())) {
                c.unfreeze();
            }
            int seconds = (int) Math.min(Integer.MAX_VALUE, (timeout.toMillis() + 999) / 1000);
            if (seconds > 0 && c.shutdown(seconds)) {
                return;
            }
            LOG.info("container {} did not halt in {} s, killing it", c.name(), seconds);
            c.stop();
            if (!c.waitFor("STOPPED", 10)) {
                throw new ContainerException(ContainerException.TIMEOUT, "container " + c.name()
                        + " is still " + c.state() + " 10 s after it was killed");
            }
        } catch (LxcException e) {
            throw failure("stop " + c.name(), e);
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
        ContainerFiles f = files;
        try (NameLocks.Held h = locks.lock(name); LxcContainer c = open(name)) {
            if (!c.isDefined()) {
                if (!Files.exists(f.dir(name))) {
                    throw notFound(name);
                }
                f.deleteTree(name);
                return;
            }
            List<String> clones = f.clones(name);
            if (!clones.isEmpty()) {
                throw new ContainerException(ContainerException.IN_USE, "container " + name
                        + " cannot be destroyed: its clones " + clones + " are built on its file system");
            }
            halt(c, Duration.ZERO);
            c.destroy();
            if (Files.exists(f.dir(name))) {
                f.deleteTree(name);
            }
        } catch (LxcException | IOException e) {
            throw failure("destroy " + name, e);
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
            ContainerState state = state(c);
            if (!state.isActive()) {
                throw new ContainerException(ContainerException.INVALID_STATE, "container " + name
                        + " is STOPPED: only a running container can be " + (freeze ? "frozen" : "thawed"));
            }
            if (freeze && state != ContainerState.FROZEN) {
                c.freeze();
            } else if (!freeze && state == ContainerState.FROZEN) {
                c.unfreeze();
            }
            return info(c);
        } catch (LxcException e) {
            throw failure((freeze ? "freeze " : "unfreeze ") + name, e);
        }
    }

    @Override
    public ExecResult exec(String name, ExecRequest request) {
        ContainerNames.check(name);
        int pid;
        try (LxcContainer c = existing(name)) {
            ContainerState state = state(c);
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
            return state(c);
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
            for (String name : files.names()) {
                try {
                    all.add(info(name));
                } catch (ContainerException e) {
                    if (!ContainerException.NOT_FOUND.equals(e.code())) {
                        throw e;
                    }
                }
            }
        } catch (IOException e) {
            throw failure("list containers in " + settings.lxcPath(), e);
        }
        return all;
    }

    private ContainerInfo info(LxcContainer c) {
        ContainerState state = state(c);
        int pid = state.isActive() ? Math.max(0, c.initPid()) : 0;
        ContainerFiles.Metadata m = files.readMetadata(c.name());
        return new ContainerInfo(c.name(), state, pid, pid > 0 ? ProcNet.addresses(pid) : List.of(), m.template(),
                m.origin(), m.created());
    }

    static ContainerState state(LxcContainer c) {
        String s = c.state();
        return switch (s) {
            case "THAWED" -> ContainerState.RUNNING;
            case "STOPPED", "STARTING", "RUNNING", "STOPPING", "ABORTING", "FREEZING", "FROZEN" ->
                ContainerState.valueOf(s);
            default -> throw new ContainerException(ContainerException.LXC_FAILURE,
                    "LXC reports an unknown state " + s + " for container " + c.name());
        };
    }

    private LxcContainer open(String name) {
        try {
            return lxc.open(name, settings.lxcPath().toString());
        } catch (LxcException e) {
            throw failure("open " + name, e);
        }
    }

    private LxcContainer existing(String name) {
        LxcContainer c = open(name);
        if (!c.isDefined()) {
            c.close();
            throw notFound(name);
        }
        return c;
    }

    /** Runs a tool; with a {@code what}, a non-zero exit is a failure that quotes the tool's stderr. */
    private ProcessRunner.Outcome tool(List<String> argv, long timeoutMillis, String what) {
        try {
            ProcessRunner.Outcome o = runner.run(argv, timeoutMillis, TOOL_OUTPUT);
            if (what != null && o.exitCode() != 0) {
                throw new ContainerException(ContainerException.LXC_FAILURE,
                        "could not " + what + ": " + argv.get(0) + " exited with " + o.exitCode() + ": " + o.stderrText());
            }
            return o;
        } catch (java.util.concurrent.TimeoutException e) {
            throw new ContainerException(ContainerException.TIMEOUT, argv.get(0) + " took longer than "
                    + timeoutMillis / 1000 + " s and was killed");
        } catch (IOException e) {
            throw failure("run " + argv.get(0), e);
        }
    }

    /** Removes a container whose creation failed: through LXC if it got that far, by hand otherwise. */
    private void undo(ContainerFiles f, String name, Exception cause) {
        try (LxcContainer c = lxc.open(name, settings.lxcPath().toString())) {
            if (c.isDefined()) {
                c.destroy();
            }
        } catch (LxcException | RuntimeException e) {
            cause.addSuppressed(e);
        }
        try {
            f.deleteTree(name);
        } catch (IOException e) {
            cause.addSuppressed(e);
        }
    }

    private static ContainerException taken(String name) {
        return new ContainerException(ContainerException.NAME_TAKEN, "a container named " + name + " already exists");
    }

    private static ContainerException notFound(String name) {
        return new ContainerException(ContainerException.NOT_FOUND, "no container named " + name);
    }

    private static ContainerException failure(String what, Exception e) {
        return new ContainerException(ContainerException.LXC_FAILURE, "could not " + what + ": " + e.getMessage(), e);
    }
}
