package io.peeros.container.lxc.internal;

import io.peeros.container.api.ContainerException;
import io.peeros.container.lxc.internal.jna.LxcContainer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starting containers: {@code lxc-start -d} and the wait for RUNNING, for a request and for the reconcile at
 * activation, which starts again the containers that should run (their {@code peeros.autostart} marker is
 * there) but do not: after a reboot, or a kill behind the peer's back.
 */
final class ContainerStarts {

    private static final Logger LOG = LoggerFactory.getLogger(ContainerStarts.class);
    private static final int RUNNING_WAIT_SECONDS = 5;

    private final LxcTools tools;

    ContainerStarts(LxcTools tools) {
        this.tools = tools;
    }

    /**
     * Starts the stopped container {@code c} daemonized and returns its init PID; the caller holds its lock.
     * {@code lxc-start -d} itself returns only once the container reported RUNNING, so the init PID its
     * monitor answers confirms it in one round trip (right after a start the monitor is busy, and each
     * question to it costs); only when there is none (an init that already died) is the state waited for.
     */
    int launch(ManagerSettings s, LxcContainer c) {
        ContainerFiles files = new ContainerFiles(s.lxcPath());
        tools.start(s, files, c.name());
        int pid = c.initPid();
        if (pid > 0) {
            return pid;
        }
        if (!c.waitFor("RUNNING", RUNNING_WAIT_SECONDS) || (pid = c.initPid()) <= 0) {
            throw new ContainerException(ContainerException.LXC_FAILURE, "container " + c.name()
                    + " was started but is " + c.state() + ": " + files.logTail(c.name()));
        }
        return pid;
    }

    /**
     * Starts every container that should run and does not; returns their names. Each is checked again under
     * its lock, so a container started or stopped meanwhile through the manager is left as it is (and LXC
     * itself refuses to start a running container twice). Stops early when {@code closing} says so.
     */
    List<String> reconcile(ManagerSettings s, NameLocks locks, Function<String, LxcContainer> open,
            BooleanSupplier closing) {
        ContainerFiles files = new ContainerFiles(s.lxcPath());
        List<String> started = new ArrayList<>();
        List<String> names;
        try {
            names = files.names();
        } catch (IOException e) {
            LOG.warn("cannot list the containers to start in {}: {}", s.lxcPath(), e.getMessage());
            return started;
        }
        for (String name : names) {
            if (closing.getAsBoolean()) {
                break;
            }
            if (!files.autostart(name)) {
                continue;
            }
            try (NameLocks.Held h = locks.lock(name); LxcContainer c = open.apply(name)) {
                if (c.isDefined() && files.autostart(name) && !c.isRunning()) {
                    launch(s, c);
                    started.add(name);
                }
            } catch (ContainerException e) {
                LOG.warn("container {} should run but could not be started: {}", name, e.getMessage());
            }
        }
        if (!started.isEmpty()) {
            LOG.info("started the containers that should run: {}", started);
        }
        return started;
    }
}
