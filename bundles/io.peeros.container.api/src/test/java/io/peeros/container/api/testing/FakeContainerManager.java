package io.peeros.container.api.testing;

import io.peeros.container.api.ContainerException;
import io.peeros.container.api.ContainerInfo;
import io.peeros.container.api.ContainerManager;
import io.peeros.container.api.ContainerState;
import io.peeros.container.api.ExecRequest;
import io.peeros.container.api.ExecResult;
import io.peeros.container.api.NetworkAttachment;
import io.peeros.container.api.PortMapping;
import io.peeros.container.api.Template;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Containers in memory, following the ContainerManager contract: names are DNS labels, a clone needs a stopped
 * source that then cannot be destroyed, exec needs a running container, start and stop are idempotent. A
 * running container gets a PID and the address 10.10.0.n. Exec answers come from {@link #shell}. Attachments
 * go to the bridges listed in {@link #bridges}, at most {@link #MAX_ATTACHMENTS}, one per bridge, as eth1...
 */
public final class FakeContainerManager implements ContainerManager {

    public static final Instant CREATED = Instant.parse("2026-11-21T11:00:00Z");

    private final Map<String, ContainerInfo> containers = new TreeMap<>();
    private final Map<String, String> hostnames = new TreeMap<>();
    private final List<PortMapping> mappings = new ArrayList<>();
    private final Map<String, Map<String, NetworkAttachment>> attachments = new TreeMap<>();
    private int nextPid = 4100;

    /** What exec answers for a request; by default {@code echo} prints its arguments and anything else fails. */
    public Function<ExecRequest, ExecResult> shell = FakeContainerManager::echo;
    public final List<ExecRequest> execCalls = new ArrayList<>();
    public final List<Duration> stopTimeouts = new ArrayList<>();
    /** The bridges that exist on the fake host; attach refuses the others. */
    public final Set<String> bridges = new HashSet<>();

    /** Adds a container directly, as if it had been there already. */
    public FakeContainerManager with(String name, String template, ContainerState state) {
        containers.put(name, new ContainerInfo(name, ContainerState.STOPPED, 0, List.of(), template, null, CREATED));
        if (state != ContainerState.STOPPED) {
            start(name);
            if (state == ContainerState.FROZEN) {
                freeze(name);
            }
        }
        return this;
    }

    @Override
    public synchronized ContainerInfo create(String name, Template template) {
        free(name);
        ContainerInfo info = new ContainerInfo(name, ContainerState.STOPPED, 0, List.of(), template.name(), null,
                CREATED);
        containers.put(name, info);
        return info;
    }

    @Override
    public synchronized ContainerInfo clone(String source, String name) {
        ContainerInfo origin = known(source);
        free(name);
        if (origin.state() != ContainerState.STOPPED) {
            throw new ContainerException(ContainerException.INVALID_STATE, "container '" + source
                    + "' must be stopped to be cloned");
        }
        ContainerInfo info = new ContainerInfo(name, ContainerState.STOPPED, 0, List.of(), origin.template(), source,
                CREATED);
        containers.put(name, info);
        return info;
    }

    @Override
    public synchronized ContainerInfo start(String name) {
        ContainerInfo info = known(name);
        if (info.state() == ContainerState.STOPPED) {
            int pid = nextPid++;
            info = put(info, ContainerState.RUNNING, pid, List.of(address(pid)));
        }
        return info;
    }

    @Override
    public synchronized ContainerInfo stop(String name, Duration timeout) {
        ContainerInfo info = known(name);
        stopTimeouts.add(timeout);
        return put(info, ContainerState.STOPPED, 0, List.of());
    }

    @Override
    public synchronized ContainerInfo restart(String name) {
        stop(name, null);
        return start(name);
    }

    @Override
    public synchronized void destroy(String name) {
        known(name);
        for (ContainerInfo other : containers.values()) {
            if (name.equals(other.origin())) {
                throw new ContainerException(ContainerException.IN_USE, "container '" + other.name()
                        + "' is a clone of '" + name + "'; destroy it first");
            }
        }
        containers.remove(name);
        hostnames.remove(name);
        attachments.remove(name);
        mappings.removeIf(m -> m.container().equals(name));
    }

    @Override
    public synchronized ContainerInfo freeze(String name) {
        ContainerInfo info = inState(name, ContainerState.RUNNING, "frozen");
        return put(info, ContainerState.FROZEN, info.pid(), info.addresses());
    }

    @Override
    public synchronized ContainerInfo unfreeze(String name) {
        ContainerInfo info = inState(name, ContainerState.FROZEN, "thawed");
        return put(info, ContainerState.RUNNING, info.pid(), info.addresses());
    }

    @Override
    public synchronized ExecResult exec(String name, ExecRequest request) {
        inState(name, ContainerState.RUNNING, "given a command");
        if (request.command().isEmpty()) {
            throw new ContainerException(ContainerException.INVALID_REQUEST, "the command is empty");
        }
        execCalls.add(request);
        return shell.apply(request);
    }

    @Override
    public synchronized ContainerInfo setHostname(String name, String hostname) {
        known(name);
        if (hostname == null || !hostname.matches("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*")
                || hostname.length() > 64) {
            throw new ContainerException(ContainerException.INVALID_REQUEST, "'" + hostname
                    + "' is not a hostname");
        }
        hostnames.put(name, hostname);
        return info(name);
    }

    @Override
    public synchronized PortMapping mapPort(String name, PortMapping.Protocol protocol, int hostPort,
            int containerPort) {
        known(name);
        if (hostPort < 1 || hostPort > 65535 || containerPort < 1 || containerPort > 65535) {
            throw new ContainerException(ContainerException.INVALID_REQUEST, "ports go from 1 to 65535");
        }
        PortMapping mapping = new PortMapping(name, protocol, hostPort, containerPort);
        for (PortMapping held : mappings) {
            if (held.protocol() == protocol && held.hostPort() == hostPort) {
                if (held.equals(mapping)) {
                    return held;
                }
                throw new ContainerException(ContainerException.PORT_TAKEN, "host port " + hostPort + "/"
                        + protocol.lowerCase() + " goes to " + held.container() + " already");
            }
        }
        mappings.add(mapping);
        return mapping;
    }

    @Override
    public synchronized void unmapPort(String name, PortMapping.Protocol protocol, int hostPort) {
        known(name);
        if (!mappings.removeIf(m -> m.container().equals(name) && m.protocol() == protocol
                && m.hostPort() == hostPort)) {
            throw new ContainerException(ContainerException.NOT_FOUND, "container '" + name + "' has no mapping of "
                    + hostPort + "/" + protocol.lowerCase());
        }
    }

    @Override
    public synchronized List<PortMapping> ports(String name) {
        known(name);
        return mappings.stream().filter(m -> m.container().equals(name)).toList();
    }

    @Override
    public synchronized ContainerInfo attach(String name, NetworkAttachment attachment) {
        known(name);
        if (!bridges.contains(attachment.bridge())) {
            throw new ContainerException(ContainerException.INVALID_REQUEST, "there is no bridge "
                    + attachment.bridge());
        }
        Map<String, NetworkAttachment> held = attachments.computeIfAbsent(name, n -> new TreeMap<>());
        if (held.values().stream().anyMatch(a -> a.bridge().equals(attachment.bridge()))) {
            throw new ContainerException(ContainerException.INVALID_REQUEST, "container '" + name
                    + "' is already attached to " + attachment.bridge());
        }
        for (int i = 1; i <= MAX_ATTACHMENTS; i++) {
            if (!held.containsKey("eth" + i)) {
                held.put("eth" + i, attachment);
                return info(name);
            }
        }
        throw new ContainerException(ContainerException.INVALID_REQUEST, "container '" + name + "' has "
                + MAX_ATTACHMENTS + " attachments already");
    }

    @Override
    public synchronized ContainerInfo detach(String name, String bridge) {
        known(name);
        Map<String, NetworkAttachment> held = attachments.computeIfAbsent(name, n -> new TreeMap<>());
        if (!held.values().removeIf(a -> a.bridge().equals(bridge))) {
            throw new ContainerException(ContainerException.NOT_FOUND, "container '" + name
                    + "' is not attached to " + bridge);
        }
        return info(name);
    }

    @Override
    public synchronized ContainerState state(String name) {
        return known(name).state();
    }

    @Override
    public synchronized ContainerInfo info(String name) {
        return decorated(known(name));
    }

    @Override
    public synchronized List<ContainerInfo> list() {
        return containers.values().stream().map(this::decorated).toList();
    }

    private ContainerInfo decorated(ContainerInfo info) {
        return new ContainerInfo(info.name(), info.state(), info.pid(), info.addresses(), info.template(),
                info.origin(), info.created(), hostnames.getOrDefault(info.name(), info.name()),
                mappings.stream().filter(m -> m.container().equals(info.name())).toList(),
                attachments.getOrDefault(info.name(), Map.of()));
    }

    /** A result with {@code stdout} and {@code stderr} as UTF-8. */
    public static ExecResult result(int exit, String stdout, String stderr) {
        return new ExecResult(exit, stdout.getBytes(StandardCharsets.UTF_8), stderr.getBytes(StandardCharsets.UTF_8),
                false);
    }

    private static ExecResult echo(ExecRequest request) {
        List<String> argv = request.command();
        if (argv.get(0).equals("echo")) {
            return result(0, String.join(" ", argv.subList(1, argv.size())) + "\n", "");
        }
        return result(127, "", "sh: " + argv.get(0) + ": not found\n");
    }

    private ContainerInfo put(ContainerInfo info, ContainerState state, int pid, List<InetAddress> addresses) {
        ContainerInfo next = new ContainerInfo(info.name(), state, pid, addresses, info.template(), info.origin(),
                info.created());
        containers.put(info.name(), next);
        return decorated(next);
    }

    private ContainerInfo inState(String name, ContainerState state, String verb) {
        ContainerInfo info = known(name);
        if (info.state() != state) {
            throw new ContainerException(ContainerException.INVALID_STATE, "container '" + name + "' is "
                    + info.state() + " and cannot be " + verb);
        }
        return info;
    }

    private ContainerInfo known(String name) {
        valid(name);
        ContainerInfo info = containers.get(name);
        if (info == null) {
            throw new ContainerException(ContainerException.NOT_FOUND, "there is no container '" + name + "'");
        }
        return info;
    }

    private void free(String name) {
        valid(name);
        if (containers.containsKey(name)) {
            throw new ContainerException(ContainerException.NAME_TAKEN, "container '" + name + "' exists already");
        }
    }

    private static void valid(String name) {
        if (name == null || !name.matches("[a-z][a-z0-9-]{0,62}")) {
            throw new ContainerException(ContainerException.INVALID_NAME, "'" + name
                    + "' is not a container name: use a-z, 0-9 and '-', starting with a letter");
        }
    }

    private static InetAddress address(int pid) {
        try {
            return InetAddress.getByAddress(new byte[] {10, 10, 0, (byte) ((pid - 4100) % 250 + 2)});
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
