package io.peeros.environment.internal.workflow;

import io.peeros.container.api.ContainerException;
import io.peeros.container.api.ContainerInfo;
import io.peeros.container.api.ContainerManager;
import io.peeros.container.api.ContainerState;
import io.peeros.container.api.ExecRequest;
import io.peeros.container.api.ExecResult;
import io.peeros.container.api.NetworkAttachment;
import io.peeros.container.api.PortMapping;
import io.peeros.container.api.Template;
import io.peeros.container.api.testing.FakeContainerManager;
import io.peeros.environment.internal.agent.GuestFiles;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The fake container manager with a guest inside: the file-writing commands of the agent are played into a map
 * of files per container, shell commands are recorded and succeed unless they match {@link #failing}.
 */
final class GuestContainers implements ContainerManager {

    final FakeContainerManager fake = new FakeContainerManager();
    final Map<String, Map<String, String>> files = new ConcurrentHashMap<>();
    final Map<String, List<String>> commands = new ConcurrentHashMap<>();
    /** The permissions ({@code rw-------}) of the files and directories that {@link GuestShell} wrote for real. */
    final Map<String, Map<String, String>> modes = new ConcurrentHashMap<>();
    /** A shell command containing this fails with exit 1. */
    volatile String failing;
    /** Health probes ({@code true}) answer exit 1. */
    volatile boolean sick;
    /**
     * The hostname of the one container whose commands (but health probes) {@link GuestShell#run} runs for real,
     * in {@link #realRoot} standing for its root; null for none.
     */
    volatile String realHost;
    volatile Path realRoot;

    @Override
    public synchronized ContainerInfo create(String name, Template template) {
        return fake.create(name, template);
    }

    @Override
    public synchronized ContainerInfo clone(String source, String name) {
        return fake.clone(source, name);
    }

    @Override
    public synchronized ContainerInfo start(String name) {
        return fake.start(name);
    }

    @Override
    public synchronized ContainerInfo stop(String name, Duration timeout) {
        return fake.stop(name, timeout);
    }

    @Override
    public synchronized ContainerInfo restart(String name) {
        return fake.restart(name);
    }

    @Override
    public synchronized void destroy(String name) {
        fake.destroy(name);
        files.remove(name);
        modes.remove(name);
        commands.remove(name);
    }

    @Override
    public synchronized ContainerInfo freeze(String name) {
        return fake.freeze(name);
    }

    @Override
    public synchronized ContainerInfo unfreeze(String name) {
        return fake.unfreeze(name);
    }

    @Override
    public ExecResult exec(String name, ExecRequest request) {
        synchronized (this) {
            if (fake.state(name) != ContainerState.RUNNING) {
                throw new ContainerException(ContainerException.INVALID_STATE, name + " is not running");
            }
        }
        List<String> argv = request.command();
        if (argv.equals(List.of("true"))) {
            return FakeContainerManager.result(sick ? 1 : 0, "", "");
        }
        String host = realHost;
        if (host != null && info(name).hostname().equals(host)) {
            return GuestShell.run(request, realRoot, files.computeIfAbsent(name, n -> new ConcurrentHashMap<>()),
                    modes.computeIfAbsent(name, n -> new ConcurrentHashMap<>()));
        }
        if (request.environment().containsKey(GuestFiles.PRIVATE_KEY_VARIABLE)
                || argv.size() > 3 && argv.get(0).equals("sh") && argv.get(3).equals("/")) {
            return GuestShell.play(request, files.computeIfAbsent(name, n -> new ConcurrentHashMap<>()),
                    modes.computeIfAbsent(name, n -> new ConcurrentHashMap<>()));
        }
        if (argv.get(0).equals("cat") && argv.size() == 2) {
            String content = files.getOrDefault(name, Map.of()).get(argv.get(1));
            return content == null ? FakeContainerManager.result(1, "", "cat: " + argv.get(1) + ": No such file")
                    : FakeContainerManager.result(0, content, "");
        }
        if (argv.get(0).equals("sh") && argv.get(1).equals("-c")) {
            String path = argv.get(3);
            String content = argv.get(4).equals("--") ? String.join("\n", argv.subList(5, argv.size())) + "\n"
                    : argv.get(4);
            files.computeIfAbsent(name, n -> new ConcurrentHashMap<>()).put(path, content);
            return FakeContainerManager.result(0, "", "");
        }
        if (argv.get(0).equals("/bin/sh") && argv.get(1).equals("-c")) {
            commands.computeIfAbsent(name, n -> new ArrayList<>()).add(argv.get(2));
            String f = failing;
            if (f != null && argv.get(2).contains(f)) {
                return FakeContainerManager.result(1, "", "E: Unable to locate package " + f);
            }
            return FakeContainerManager.result(0, "", "");
        }
        return FakeContainerManager.result(127, "", argv.get(0) + ": not found");
    }

    @Override
    public synchronized ContainerState state(String name) {
        return fake.state(name);
    }

    @Override
    public synchronized ContainerInfo info(String name) {
        return fake.info(name);
    }

    @Override
    public synchronized List<ContainerInfo> list() {
        return fake.list();
    }

    @Override
    public synchronized ContainerInfo setHostname(String name, String hostname) {
        return fake.setHostname(name, hostname);
    }

    @Override
    public synchronized PortMapping mapPort(String name, PortMapping.Protocol protocol, int hostPort,
            int containerPort) {
        return fake.mapPort(name, protocol, hostPort, containerPort);
    }

    @Override
    public synchronized void unmapPort(String name, PortMapping.Protocol protocol, int hostPort) {
        fake.unmapPort(name, protocol, hostPort);
    }

    @Override
    public synchronized List<PortMapping> ports(String name) {
        return fake.ports(name);
    }

    @Override
    public synchronized ContainerInfo attach(String name, NetworkAttachment attachment) {
        return fake.attach(name, attachment);
    }

    @Override
    public synchronized ContainerInfo detach(String name, String bridge) {
        return fake.detach(name, bridge);
    }
}
