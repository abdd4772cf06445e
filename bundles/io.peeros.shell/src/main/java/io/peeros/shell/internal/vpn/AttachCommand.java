package io.peeros.shell.internal.vpn;

import io.peeros.container.api.ContainerInfo;
import io.peeros.container.api.NetworkAttachment;
import io.peeros.shell.internal.CommandFailure;
import io.peeros.shell.internal.completers.ContainerNameCompleter;
import io.peeros.shell.internal.completers.SwarmIdCompleter;
import io.peeros.vpn.api.Swarm;
import java.util.Map;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Service;

@Command(scope = "vpn", name = "attach", description = "Plugs a container into a swarm's switch with an address of"
        + " the swarm's subnet.",
        detailedDescription = "The container gets an interface (eth1 to eth4) on the swarm's bridge with the given"
                + " address, the swarm's prefix length and MTU: at once when it runs, at its next start otherwise."
                + " The address must lie in the swarm's subnet and be unused on this peer.")
@Service
public class AttachCommand extends VpnCommandSupport {

    @Argument(index = 0, name = "swarm", required = true, description = "The swarm id")
    @Completion(SwarmIdCompleter.class)
    String swarm;

    @Argument(index = 1, name = "container", required = true, description = "The container name")
    @Completion(ContainerNameCompleter.class)
    String container;

    @Argument(index = 2, name = "address", required = true, description = "An IPv4 address in the swarm's subnet,"
            + " e.g. 10.200.1.5")
    String address;

    @Override
    protected Object doExecute() {
        Swarm joined = swarm(swarm);
                String subnet = joined.subnet().orElseThrow(() -> new CommandFailure("swarm " + swarm + " was joined without"
                + " a subnet: give one with vpn:join --subnet to attach containers", "SUBNET_MISSING"));
        if (joined.interfaceName().isEmpty()) {
            throw new CommandFailure("swarm " + swarm + " is not up on this peer (see vpn:show " + swarm + ")",
                    "SWARM_DOWN");
        }
        int prefix = Integer.parseInt(subnet.substring(subnet.indexOf('/') + 1));
        long ip = ipv4(address, "address");
        long network = ipv4(subnet.substring(0, subnet.indexOf('/')), "subnet");
        long mask = (0xffffffffL << (32 - prefix)) & 0xffffffffL;
        if ((ip & mask) != network) {
            throw new CommandFailure("address " + address + " is not in swarm " + swarm + "'s subnet " + subnet,
                    "ADDRESS_INVALID");
        }
        ContainerInfo info = containers().attach(container, new NetworkAttachment(joined.bridge(), address + "/" + prefix,
                joined.mtu(), null));
        for (Map.Entry<String, NetworkAttachment> e : info.attachments().entrySet()) {
            if (e.getValue().bridge().equals(joined.bridge())) {
                System.out.println("Attached " + container + " to swarm " + swarm + ": " + e.getKey() + " "
                        + e.getValue().address() + ", MTU " + e.getValue().mtu() + ", MAC " + e.getValue().effectiveMac()
                        + ".");
            }
        }
        return null;
    }

    private static long ipv4(String text, String what) {
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            throw new CommandFailure(what + " '" + text + "' is not an IPv4 address such as 10.200.1.5",
                    "ADDRESS_INVALID");
        }
        long value = 0;
        for (String p : parts) {
            if (!p.matches("0|[1-9][0-9]{0,2}") || Integer.parseInt(p) > 255) {
                throw new CommandFailure(what + " '" + text + "' is not an IPv4 address such as 10.200.1.5",
                        "ADDRESS_INVALID");
            }
            value = (value << 8) | Integer.parseInt(p);
        }
        return value;
    }
}
