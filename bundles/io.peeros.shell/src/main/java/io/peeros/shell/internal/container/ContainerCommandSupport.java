package io.peeros.shell.internal.container;

import io.peeros.container.api.ContainerInfo;
import io.peeros.container.api.ContainerManager;
import io.peeros.shell.internal.CommandFailure;
import io.peeros.shell.internal.Format;
import io.peeros.shell.internal.ShellCommandSupport;
import java.net.InetAddress;
import java.time.Clock;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.support.table.ShellTable;

/**
 * Base of the {@code container:*} commands. The container manager is optional: the commands stay listed when
 * no container implementation runs, and say so when called.
 */
public abstract class ContainerCommandSupport extends ShellCommandSupport {

    /** The code of a command called while the container manager is absent. */
    public static final String UNAVAILABLE = "CONTAINERS_UNAVAILABLE";

    @Reference(optional = true)
    ContainerManager containers;

    /** For relative times ("4s ago") and the zone of absolute ones; tests set a fixed clock. */
    Clock clock = Clock.systemDefaultZone();

    /** The container manager, or a refusal naming what is missing. */
    ContainerManager manager() {
        return require(containers, "the container service", UNAVAILABLE);
    }

    /** {@code service}, or a refusal with {@code code} when it is absent. */
    static <T> T require(T service, String what, String code) {
        if (service == null) {
            throw new CommandFailure(what + " is not available: is the PeerOS container bundle installed and"
                    + " started?", code);
        }
        return service;
    }

    /** One container as a property table, to print or to add rows to. */
    ShellTable containerTable(ContainerInfo info) {
        ShellTable table = propertyTable();
        table.addRow().addContent("Name", info.name());
        table.addRow().addContent("Hostname", info.hostname());
        table.addRow().addContent("State", info.state().name());
        table.addRow().addContent("PID", pid(info));
        table.addRow().addContent("Addresses", addresses(info.addresses()));
        table.addRow().addContent("Ports", info.ports().isEmpty() ? "-" : info.ports().stream()
                .map(p -> p.hostPort() + "/" + p.protocol().lowerCase() + " -> " + p.containerPort())
                .collect(Collectors.joining(", ")));
        table.addRow().addContent("Template", info.templateName().orElse("-"));
        table.addRow().addContent("Clone of", info.originName().orElse("-"));
        table.addRow().addContent("Created", Format.dateTime(info.created(), clock.getZone()) + " ("
                + Format.ago(info.created(), clock.instant()) + ")");
        return table;
    }

    /** One line after a lifecycle operation: {@code Started web (RUNNING, pid 1234).} */
    static void printDone(String verb, ContainerInfo info) {
        String pid = info.pid() > 0 ? ", pid " + info.pid() : "";
        System.out.println(verb + " " + info.name() + " (" + info.state().name() + pid + ").");
    }

    static String pid(ContainerInfo info) {
        return info.pid() > 0 ? Integer.toString(info.pid()) : "-";
    }

    static String addresses(List<InetAddress> addresses) {
        return addresses.isEmpty() ? "-"
                : addresses.stream().map(InetAddress::getHostAddress).collect(Collectors.joining(", "));
    }
}
