package io.peeros.container.lxc.internal.network;

import io.peeros.container.api.ContainerException;
import io.peeros.container.api.NetworkAttachment;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Hot-plugs attachments into running containers with {@code ip}: the veth pair is made with its container end
 * already in the container's network namespace (named, sized and addressed there, so no other process ever
 * sees it half made), the host end joins the bridge. liblxc's {@code attach_interface} only moves an existing
 * device (the rest would still need {@code ip}) and its {@code detach_interface} forks the calling process, here
 * the JVM; {@code ip} does the whole job over netlink.
 * A failed plug removes the pair; removing either end removes both.
 */
public final class Veths {

    private final HostCommands commands;

    Veths(HostCommands commands) {
        this.commands = commands;
    }

    /** Whether a host interface is called {@code name}. */
    public boolean exists(String name) {
        return Files.exists(Path.of("/sys/class/net", name));
    }

    /**
     * Gives the container whose init is {@code pid} the interface {@code device} on {@code a}'s bridge, up, with
     * {@code hostEnd} as the name of the veth's host end. All or nothing.
     */
    public void plug(int pid, String hostEnd, String device, NetworkAttachment a) {
        if (exists(hostEnd)) {
            throw new ContainerException(ContainerException.NETWORK_FAILURE, "host interface " + hostEnd
                    + " exists already");
        }
        String mtu = Integer.toString(a.mtu());
        commands.ip("link", "add", "name", hostEnd, "mtu", mtu, "type", "veth", "peer", "name", device, "mtu", mtu,
                "address", a.effectiveMac(), "netns", Integer.toString(pid));
        try {
            commands.ip("link", "set", hostEnd, "master", a.bridge(), "up");
            commands.ipIn(pid, "addr", "add", a.address(), "broadcast", a.broadcast(), "dev", device);
            commands.ipIn(pid, "link", "set", device, "up");
        } catch (RuntimeException e) {
            try {
                commands.ip("link", "del", hostEnd);
            } catch (RuntimeException undo) {
                e.addSuppressed(undo);
            }
            throw e;
        }
    }

    /**
     * Removes the interface {@code device} from the container whose init is {@code pid}, and with it its veth's
     * host end. Nothing to remove is no error.
     */
    public void unplug(int pid, String device) {
        if (commands.ipIn(pid, "-o", "link", "show").contains(" " + device + "@")) {
            commands.ipIn(pid, "link", "del", device);
        }
    }
}
