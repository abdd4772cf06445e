package io.peeros.shell.internal.container;

import io.peeros.container.api.PortMapping;
import io.peeros.shell.internal.completers.ContainerNameCompleter;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;

@Command(scope = "container", name = "port-unmap", description = "Stops forwarding a host port to a container.")
@Service
public class PortUnmapCommand extends ContainerCommandSupport {

    @Option(name = "-u", aliases = "--udp", description = "The UDP mapping instead of the TCP one")
    boolean udp;

    @Argument(index = 0, name = "name", required = true, description = "The container")
    @Completion(ContainerNameCompleter.class)
    String name;

    @Argument(index = 1, name = "host-port", required = true, description = "The port on the host")
    int hostPort;

    @Override
    protected Object doExecute() {
        PortMapping.Protocol protocol = udp ? PortMapping.Protocol.UDP : PortMapping.Protocol.TCP;
        manager().unmapPort(name, protocol, hostPort);
        System.out.println("Removed the mapping of " + hostPort + "/" + protocol.lowerCase() + " to " + name + ".");
        return null;
    }
}
