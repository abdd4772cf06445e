package io.peeros.shell.internal.env;

import io.peeros.environment.api.BlueprintParser;
import io.peeros.environment.api.Environment;
import io.peeros.environment.api.EnvironmentContainer;
import io.peeros.environment.api.EnvironmentService;
import io.peeros.environment.api.EnvironmentState;
import io.peeros.registry.api.PeerRegistry;
import io.peeros.registry.api.RemotePeer;
import io.peeros.shell.internal.CommandFailure;
import io.peeros.shell.internal.Format;
import io.peeros.shell.internal.ShellCommandSupport;
import java.time.Clock;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.support.table.ShellTable;

/**
 * Base of the {@code env:*} commands. The environment service and the blueprint parser are optional: the
 * commands stay listed when the environment bundle does not run, and say so when called. The peer registry,
 * when present, gives peers their names.
 */
public abstract class EnvCommandSupport extends ShellCommandSupport {

    /** The code of a command called while the environment service is absent. */
    public static final String UNAVAILABLE = "ENVIRONMENTS_UNAVAILABLE";

    @Reference(optional = true)
    EnvironmentService environments;

    @Reference(optional = true)
    BlueprintParser parser;

    @Reference(optional = true)
    PeerRegistry registry;

    /** For elapsed times and ages; tests set a fixed clock. */
    Clock clock = Clock.systemDefaultZone();

    EnvironmentService service() {
        if (environments == null) {
            throw unavailable("environment service");
        }
        return environments;
    }

    BlueprintParser parser() {
        if (parser == null) {
            throw unavailable("blueprint parser");
        }
        return parser;
    }

    private static CommandFailure unavailable(String what) {
        return new CommandFailure("the " + what + " is not available: is the PeerOS environment bundle installed "
                + "and started?", UNAVAILABLE);
    }

    /** An environment by id or name, or a refusal naming it. */
    Environment environment(String idOrName) {
        return service().get(idOrName).orElseThrow(() -> new CommandFailure("this peer built no environment '"
                + idOrName + "'", "ENVIRONMENT_NOT_FOUND"));
    }

    /** Prints an environment as {@code env:show} does: its properties, then its containers. */
    void printEnvironment(Environment env) {
        Map<String, String> names = peerNames();
        ShellTable properties = propertyTable();
        properties.addRow().addContent("Name", env.name());
        properties.addRow().addContent("Id", env.id());
        properties.addRow().addContent("State", state(env.state()));
        env.failure().ifPresent(f -> properties.addRow().addContent("Failure", f));
        properties.addRow().addContent("Subnet", env.subnet());
        properties.addRow().addContent("Initiator", peer(env.initiatorPeerId(), names));
        properties.addRow().addContent("Peers", env.peerIds().isEmpty() ? "-"
                : String.join(", ", env.peerIds().stream().map(id -> peer(id, names)).toList()));
        properties.addRow().addContent("Containers", env.containers().size());
        properties.addRow().addContent("Created", Format.dateTime(env.created(), zone()));
        properties.addRow().addContent("Updated", Format.dateTime(env.updated(), zone()));
        properties.print(System.out);
        System.out.println();
        ShellTable containers = new ShellTable().emptyTableText("No containers.");
        containers.column("Name");
        containers.column("Hostname");
        containers.column("Group");
        containers.column("Peer");
        containers.column("Address");
        containers.column("Template");
        containers.column("Ports");
        for (EnvironmentContainer c : env.containers()) {
            containers.addRow().addContent(c.name(), c.hostname(), c.group(), peer(c.peerId(), names), c.address(),
                    c.template(), ports(c));
        }
        containers.print(System.out);
    }

    /** {@code 18080/tcp->8080, 20053/udp->53}: the peer's host ports forwarded to the container; "-" for none. */
    static String ports(EnvironmentContainer c) {
        return c.ports().isEmpty() ? "-" : String.join(", ", c.ports().stream()
                .map(m -> m.hostPort() + "/" + m.protocol().lowerCase() + "->" + m.containerPort()).toList());
    }

    ZoneId zone() {
        return clock.getZone();
    }

    static String state(EnvironmentState state) {
        return state.name().toLowerCase(Locale.ROOT);
    }

    /** A peer by its name when the registry knows it, else its first 12 characters. */
    static String peer(String id, Map<String, String> names) {
        String name = names.get(id);
        return name != null ? name : Format.shortId(id);
    }

    /** The names of every peer the registry knows, this one included; empty without a registry. */
    Map<String, String> peerNames() {
        Map<String, String> names = new HashMap<>();
        if (registry != null) {
            for (RemotePeer peer : registry.peers()) {
                names.put(peer.id(), peer.name());
            }
            names.put(registry.localInfo().id(), registry.localInfo().name());
        }
        return names;
    }
}
