package io.peeros.shell.internal.container;

import io.peeros.container.api.PortMapping;
import io.peeros.shell.internal.completers.ContainerNameCompleter;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;

@Command(scope = "container", name = "port-map", description = "Forwards a host port to a port of a container.",
        detailedDescription = "TCP unless --udp is given. The mapping holds until it is removed with"
                + " container:port-unmap or the container is destroyed, and survives restarts. container:info shows"
                + " the mappings.")
@Service
public class PortMapCommand extends ContainerCommandSupport {

    @Option(name = "-u", aliases = "--udp", description = "Forward UDP instead of TCP")
    boolean udp;

    @Argument(index = 0, name = "name", required = true, description = "The container")
    @Completion(ContainerNameCompleter.class)
    String name;

    @Argument(index = 1, name = "host-port", required = true, description = "The port on the host, 1-65535")
    int hostPort;

    @Argument(index = 2, name = "container-port", required = true, description = "The port in the container")
    int containerPort;

    @Override
    protected Object doExecute() {
        PortMapping.Protocol protocol = udp ? PortMapping.Protocol.UDP : PortMapping.Protocol.TCP;
        PortMapping mapping = manager().mapPort(name, protocol, hostPort, containerPort);
        System.out.println("Forwarding " + mapping + ".");
        return null;
    }
}
