package io.peeros.shell.internal.vpn;

import io.peeros.shell.internal.completers.PeerIdCompleter;
import io.peeros.shell.internal.completers.SwarmIdCompleter;
import io.peeros.vpn.api.Swarm;
import io.peeros.vpn.api.SwarmSpec;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;

@Command(scope = "vpn", name = "join", description = "Joins a swarm, or sets the members of a joined one.",
        detailedDescription = "The members are exactly the peers admitted to the swarm: on a joined swarm, new ones"
                + " are admitted and those left out are cut off at once. Give each member as a peer id, a unique"
                + " prefix of 8 or more characters, or a peer name. Without --subnet a joined swarm keeps its"
                + " subnet. Prints the swarm as vpn:show does.")
@Service
public class JoinCommand extends VpnCommandSupport {

    @Option(name = "--subnet", description = "The environment's IPv4 subnet, e.g. 10.200.1.0/24")
    String subnet;

    @Argument(index = 0, name = "swarm", required = true,
            description = "The swarm id: letters, digits, '.', '_' and '-', at most 64")
    @Completion(SwarmIdCompleter.class)
    String swarm;

    @Argument(index = 1, name = "members", required = true, multiValued = true,
            description = "The peers admitted: ids, unique id prefixes (8+ characters) or names")
    @Completion(PeerIdCompleter.class)
    List<String> members;

    @Override
    protected Object doExecute() {
        MemberResolver resolver = new MemberResolver(registry);
        Set<String> ids = new LinkedHashSet<>();
        for (String member : members) {
            ids.add(resolver.resolve(member));
        }
        Optional<String> net = subnet != null ? Optional.of(subnet.strip())
                : service().get(swarm).flatMap(Swarm::subnet);
        printSwarm(service().join(new SwarmSpec(swarm, ids, net)));
        return null;
    }
}
