package io.peeros.container.lxc.internal;

import io.peeros.container.api.ContainerException;
import io.peeros.container.api.ContainerInfo;
import io.peeros.container.api.ContainerManager;
import io.peeros.container.api.ContainerState;
import io.peeros.container.api.ExecRequest;
import io.peeros.container.api.ExecResult;
import io.peeros.container.api.NetworkAttachment;
import io.peeros.container.api.PortMapping;
import io.peeros.container.api.Template;
import io.peeros.container.lxc.internal.jna.Liblxc;
import io.peeros.container.lxc.internal.jna.LxcContainer;
import io.peeros.container.lxc.internal.jna.LxcException;
import io.peeros.container.lxc.internal.network.HostNetwork;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link ContainerManager} over LXC. State, stop, freeze, destroy and cgroups go through liblxc (JNA);
 * start, exec and clone run the {@code lxc-start}, {@code lxc-attach} and {@code lxc-copy} tools, because
 * liblxc forks the calling process for them and the calling process here is the whole JVM.
 *
 * <p>The component is immediate: at activation it starts again the containers that should run (started
 * through the peer and not stopped through it since) but do not, which is how containers come back after a
 * reboot: systemd starts Karaf, the {@link HostNetwork} makes the bridge and rules again, then this.
 */
@Component(service = ContainerManager.class, immediate = true,
        configurationPid = "io.peeros.container.lxc.LxcContainerManager")
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

        @AttributeDefinition(description = "At activation, start the containers the peer started and did not stop "
                + "since, if they are not running (after a reboot, or a kill behind the peer's back)")
        boolean autostart() default true;
    }

    private static final Logger LOG = LoggerFactory.getLogger(LxcContainerManager.class);

    private final Liblxc lxc;
    private final ExecutorService pumps;
    private final LxcTools tools;
    private final LxcExec exec;
    private final ContainerProvisioning provisioning;
    private final ContainerStarts starts;
    private final NameLocks locks = new NameLocks();
    /** Held while an attachment is checked and written, so two containers never take one address at once. */
    private final Object attaching = new Object();
    private final HostNetwork network;
    private final ExecutorService reconciler;
    private volatile boolean closing;
    private volatile ManagerSettings settings;

    /** A manager without a host network: containers keep the network their template configures. */
    public LxcContainerManager(Config config) throws LxcException, IOException {
        this(config, null);
    }

    @Activate
    public LxcContainerManager(Config config, @Reference(name = "network") HostNetwork network)
            throws LxcException, IOException {
        this.lxc = Liblxc.load();
        this.network = network;
        apply(config);
        this.pumps = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "peeros-lxc-io");
            t.setDaemon(true);
            return t;
        });
        ProcessRunner runner = new ProcessRunner(pumps);
        this.tools = new LxcTools(runner);
        this.exec = new LxcExec(runner);
        this.provisioning = new ContainerProvisioning(lxc, tools, network, pumps);
        this.starts = new ContainerStarts(tools);
        this.reconciler = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "peeros-lxc-autostart");
            t.setDaemon(true);
            return t;
        });
        if (network != null) {
            ContainerFiles f = files();
            network.prune(settings.lxcPath(), name -> Files.exists(f.dir(name)));
            syncEnvironments();
        }
        if (config.autostart()) {
            reconciler.execute(this::reconcile);
        }
        LOG.info("LXC container manager on liblxc {} in {}{}", lxc.version(), settings.lxcPath(),
                network == null ? " without a host network" : " on bridge " + network.settings().bridge());
    }

    /** Tells the host network which bridges the containers' configs attach them to, for its isolating rules. */
    private void syncEnvironments() throws IOException {
        Attachments a = attachments();
        for (String name : files().names()) {
            network.environment(name, a.bridges(name));
        }
    }

    private Attachments attachments() {
        return new Attachments(files(), network());
    }

    @Modified
    void modified(Config config) throws IOException {
        apply(config);
    }

    /** Lets a start in progress finish (up to the start timeout); the containers keep running. */
    @Deactivate
    void deactivate() {
        closing = true;
        reconciler.shutdown();
        try {
            reconciler.awaitTermination(settings.startTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        reconciler.shutdownNow();
        pumps.shutdownNow();
    }

    /** Starts the containers that should run and do not; returns their names. */
    List<String> reconcile() {
        return starts.reconcile(settings, locks, this::open, () -> closing);
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
            return provisioning.clone(settings, source, name, state(source));
        }
    }

    @Override
    public ContainerInfo start(String name) {
        ContainerNames.check(name);
        try (NameLocks.Held h = locks.lock(name); LxcContainer c = existing(name)) {
            ContainerState state = Lifecycle.state(c);
            if (state != ContainerState.STOPPED) {
                files().setAutostart(name, true);
                return info(c, state);
            }
            if (network != null) {
                List<String> missing = attachments().missingBridges(name);
                if (!missing.isEmpty()) {
                    throw new ContainerException(ContainerException.INVALID_STATE, "container " + name
                            + " cannot start: the bridges of its attachments " + missing + " do not exist (bring "
                            + "the environments' networks up, or detach them)");
                }
            }
            int pid = starts.launch(settings, c);
            files().setAutostart(name, true);
            return info(c, ContainerState.RUNNING, pid);
        } catch (IOException e) {
            throw Errors.failure("record that " + name + " runs", e);
        }
    }

    /** A deliberate stop: the container no longer runs again when the peer restarts. */
    @Override
    public ContainerInfo stop(String name, Duration timeout) {
        return halt(name, timeout, true);
    }

    private ContainerInfo halt(String name, Duration timeout, boolean deliberate) {
        ContainerNames.check(name);
        Duration t = timeout == null ? settings.stopTimeout() : timeout;
        if (t.isNegative()) {
            throw new ContainerException(ContainerException.INVALID_REQUEST, "stop timeout cannot be negative");
        }
        try (NameLocks.Held h = locks.lock(name); LxcContainer c = existing(name)) {
            if (deliberate) {
                files().setAutostart(name, false);
            }
            Lifecycle.halt(c, t);
            return info(c);
        } catch (IOException e) {
            throw Errors.failure("record that " + name + " is stopped", e);
        }
    }

    @Override
    public ContainerInfo restart(String name) {
        ContainerNames.check(name);
        try (NameLocks.Held h = locks.lock(name)) {
            halt(name, null, false);
            return start(name);
        }
    }

    @Override
    public void destroy(String name) {
        ContainerNames.check(name);
        try (NameLocks.Held h = locks.lock(name); LxcContainer c = open(name)) {
            provisioning.destroy(settings, c);
        }
    }

    @Override
    public ContainerInfo setHostname(String name, String hostname) {
        ContainerNames.check(name);
        Hostnames.check(hostname);
        try (NameLocks.Held h = locks.lock(name)) {
            try (LxcContainer c = existing(name)) {
                Hostnames.set(c, Lifecycle.state(c), hostname, files(),
                        r -> exec.run(settings, name, c.initPid(), r));
            }
            return info(name);
        } catch (IOException e) {
            throw Errors.failure("set the hostname of " + name, e);
        }
    }

    @Override
    public PortMapping mapPort(String name, PortMapping.Protocol protocol, int hostPort, int containerPort) {
        ContainerNames.check(name);
        try (NameLocks.Held h = locks.lock(name); LxcContainer c = existing(name)) {
            return network().map(name, protocol, hostPort, containerPort);
        }
    }

    @Override
    public void unmapPort(String name, PortMapping.Protocol protocol, int hostPort) {
        ContainerNames.check(name);
        try (NameLocks.Held h = locks.lock(name); LxcContainer c = existing(name)) {
            network().unmap(name, protocol, hostPort);
        }
    }

    @Override
    public List<PortMapping> ports(String name) {
        ContainerNames.check(name);
        try (LxcContainer c = existing(name)) {
            return network == null ? List.of() : network.ports(name);
        }
    }

    @Override
    public ContainerInfo attach(String name, NetworkAttachment attachment) {
        ContainerNames.check(name);
        if (attachment == null) {
            throw new ContainerException(ContainerException.INVALID_REQUEST, "the attachment is missing");
        }
        try (NameLocks.Held h = locks.lock(name); LxcContainer c = existing(name)) {
            ContainerState state = Lifecycle.state(c);
            synchronized (attaching) {
                attachments().attach(name, state, state.isActive() ? c.initPid() : 0, attachment);
            }
            return info(c);
        } catch (IOException e) {
            throw new ContainerException(ContainerException.NETWORK_FAILURE, "could not attach " + name + " to "
                    + attachment.bridge() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public ContainerInfo detach(String name, String bridge) {
        ContainerNames.check(name);
        try (NameLocks.Held h = locks.lock(name); LxcContainer c = existing(name)) {
            ContainerState state = Lifecycle.state(c);
            attachments().detach(name, state, state.isActive() ? c.initPid() : 0, bridge);
            return info(c);
        } catch (IOException e) {
            throw new ContainerException(ContainerException.NETWORK_FAILURE, "could not detach " + name + " from "
                    + bridge + ": " + e.getMessage(), e);
        }
    }

    private HostNetwork network() {
        if (network == null) {
            throw new ContainerException(ContainerException.INVALID_STATE, "this container manager has no host "
                    + "network, so it cannot map ports or attach containers to other networks");
        }
        return network;
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
            // The init PID is only needed to look into the container (a user's entry, the working directory).
            pid = LxcExec.readsContainerFiles(request) ? c.initPid() : 0;
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
        return info(c, Lifecycle.state(c));
    }

    /** What {@code c} is, given its state just read. */
    private ContainerInfo info(LxcContainer c, ContainerState state) {
        return info(c, state, state.isActive() ? Math.max(0, c.initPid()) : 0);
    }

    /** What {@code c} is, given its state and init PID just read (under the caller's lock). */
    private ContainerInfo info(LxcContainer c, ContainerState state, int pid) {
        ContainerFiles.Metadata m = files().readMetadata(c.name());
        return new ContainerInfo(c.name(), state, pid, pid > 0 ? ProcNet.addresses(pid) : List.of(), m.template(),
                m.origin(), m.created(), c.configItem("lxc.uts.name"),
                network == null ? List.of() : network.ports(c.name()),
                network == null ? Map.of() : new Attachments(files(), network).byDevice(c.name()));
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
