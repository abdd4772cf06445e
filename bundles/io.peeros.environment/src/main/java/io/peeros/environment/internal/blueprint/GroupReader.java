package io.peeros.environment.internal.blueprint;

import io.peeros.container.api.Quota;
import io.peeros.container.api.SizeClass;
import io.peeros.environment.api.ContainerGroup;
import io.peeros.environment.api.ExposedPort;
import io.peeros.environment.api.Placement;
import io.peeros.environment.api.ProvisioningStep;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads one entry of {@code containers}: a group of identical containers. */
final class GroupReader {

    static final Pattern TEMPLATE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final Pattern PORT = Pattern.compile("(\\d{1,5})(?:/([A-Za-z]+))?");

    private final Problems problems;
    private final Vars vars;
    private final References references;
    private final StepReader steps;

    GroupReader(Problems problems, Vars vars, References references) {
        this.problems = problems;
        this.vars = vars;
        this.references = references;
        this.steps = new StepReader(problems, vars, references);
    }

    ContainerGroup read(Node node, String path) {
        Fields f = Fields.of(node, node, path, problems, vars, "name", "hostname", "template", "size", "quota",
                "count", "placement", "ports", "after", "provisioning");
        if (f == null) {
            return null;
        }
        String name = f.string("name", true);
        if (name != null && !Names.DNS_LABEL.matcher(name).matches()) {
            problems.error(f.entry("name"), f.path("name"), Names.DNS_RULE + ", got '" + name + "'");
            name = null;
        }
        String template = f.string("template", true);
        if (template != null && !TEMPLATE.matcher(template).matches()) {
            problems.error(f.entry("template"), f.path("template"), "must be a template name (letters, digits,"
                    + " '.', '_', '-'), got '" + template + "'");
            template = null;
        }
        SizeClass size = f.has("size") ? f.choice("size", SizeClass.class, false) : null;
        Quota quota = quota(f);
        if (f.has("size") && f.has("quota")) {
            problems.error(f.entry("quota"), f.path("quota"), "give either size or quota, not both");
        }
        if (!f.has("size") && !f.has("quota")) {
            size = SizeClass.SMALL;
        }
        Integer count = f.has("count") ? f.integer("count", 1, Limits.COUNT, false) : Integer.valueOf(1);
        List<String> hostnames = hostnames(f, name, count);
        Placement placement = placement(f);
        List<ExposedPort> ports = ports(f);
        List<String> after = f.strings("after", Limits.AFTER);
        for (int i = 0; i < after.size(); i++) {
            if (after.get(i).equals(name)) {
                problems.error(f.entry("after"), Paths.item(f.path("after"), i), "a group cannot come after itself");
            } else {
                references.add(References.Kind.GROUP, after.get(i), f.entry("after"), Paths.item(f.path("after"), i));
            }
        }
        List<ProvisioningStep> provisioning = steps.read(f, "provisioning", name);
        if (name == null || template == null || count == null || hostnames == null || placement == null
                || (size == null && quota == null)) {
            return null;
        }
        return new ContainerGroup(name, hostnames, template, size, quota, count, placement, ports, after,
                provisioning);
    }

    private List<String> hostnames(Fields f, String name, Integer count) {
        String pattern = f.string("hostname", false);
        if (name == null || count == null || (pattern == null && f.has("hostname"))) {
            return null;
        }
        if (pattern == null) {
            pattern = count == 1 ? name : name + "-{n}";
        } else if (count > 1 && !pattern.contains("{n}")) {
            problems.error(f.entry("hostname"), f.path("hostname"), "must contain {n} when count is more than 1,"
                    + " e.g. '" + pattern + "-{n}'");
            return null;
        }
        List<String> hostnames = new ArrayList<>();
        for (int n = 1; n <= count; n++) {
            String hostname = pattern.replace("{n}", String.valueOf(n));
            if (!Names.DNS_LABEL.matcher(hostname).matches()) {
                problems.error(f.has("hostname") ? f.entry("hostname") : f.entry("name"),
                        f.has("hostname") ? f.path("hostname") : f.path("name"),
                        "hostname '" + hostname + "' is not " + Names.DNS_LABEL_IS);
                return null;
            }
            hostnames.add(hostname);
        }
        return hostnames;
    }

    private Quota quota(Fields group) {
        Fields f = group.object("quota", "cpu", "ram", "disk");
        if (f == null) {
            return null;
        }
        Integer cpu = f.integer("cpu", 1, Limits.CPU_PERCENT, false);
        Long ram = f.size("ram", Limits.MIN_RAM, Limits.MAX_RAM);
        Long disk = f.size("disk", Limits.MIN_DISK, Limits.MAX_DISK);
        if (!f.has("cpu") && !f.has("ram") && !f.has("disk")) {
            problems.error(group.entry("quota"), group.path("quota"), "must set at least one of cpu, ram, disk");
            return null;
        }
        return Quota.NONE.withCpuPercent(cpu).withMemoryBytes(ram).withDiskBytes(disk);
    }

    private Placement placement(Fields group) {
        if (!group.has("placement")) {
            return Placement.ANY;
        }
        Node.Entry entry = group.entry("placement");
        if (entry.value() instanceof Node.Scalar) {
            String peer = group.string("placement", false);
            return peer == null ? null : new Placement(peer, null, null, null, null);
        }
        Fields f = Fields.of(entry.value(), entry, group.path("placement"), problems, vars, "peer", "minFreeRam",
                "minFreeDisk", "strategy", "together");
        if (f == null) {
            return null;
        }
        String peer = f.string("peer", false);
        Long ram = f.size("minFreeRam", 0, Limits.MAX_RAM);
        Long disk = f.size("minFreeDisk", 0, Limits.MAX_DISK);
        Placement.Strategy strategy = f.choice("strategy", Placement.Strategy.class, false);
        String together = f.string("together", false);
        if (together != null && !Names.DNS_LABEL.matcher(together.toLowerCase()).matches()) {
            problems.error(f.entry("together"), f.path("together"), "must be a label (letters, digits, '-'), got '"
                    + together + "'");
        }
        return new Placement(peer, ram, disk, strategy, together);
    }

    private List<ExposedPort> ports(Fields f) {
        List<ExposedPort> ports = new ArrayList<>();
        List<Node> items = f.list("ports", Limits.PORTS);
        for (int i = 0; i < items.size(); i++) {
            ExposedPort port = port(items.get(i), Paths.item(f.path("ports"), i));
            if (port != null) {
                ports.add(port);
            }
        }
        return ports;
    }

    private ExposedPort port(Node node, String path) {
        if (node instanceof Node.Scalar) {
            String text = Fields.scalar(node, node, path, vars, problems);
            if (text == null) {
                return null;
            }
            Matcher m = PORT.matcher(text.strip());
            ExposedPort.Protocol protocol = m.matches() ? protocol(m.group(2)) : null;
            int port = m.matches() ? Integer.parseInt(m.group(1)) : 0;
            if (protocol == null || port < 1 || port > 65535) {
                problems.error(node, path, "must be a port 1 to 65535, optionally with /tcp, /udp, /http or /https,"
                        + " got '" + text + "'");
                return null;
            }
            return new ExposedPort(port, protocol, null, null);
        }
        Fields f = Fields.of(node, node, path, problems, vars, "port", "protocol", "hostPort", "domain");
        if (f == null) {
            return null;
        }
        Integer port = f.integer("port", 1, 65535, true);
        ExposedPort.Protocol protocol = f.has("protocol") ? f.choice("protocol", ExposedPort.Protocol.class, false)
                : ExposedPort.Protocol.TCP;
        Integer hostPort = f.integer("hostPort", 1, 65535, false);
        String domain = f.string("domain", false);
        if (domain != null && protocol != ExposedPort.Protocol.HTTP && protocol != ExposedPort.Protocol.HTTPS) {
            problems.error(f.entry("domain"), f.path("domain"), "only http and https ports have a domain");
        }
        return port == null || protocol == null ? null : new ExposedPort(port, protocol, hostPort, domain);
    }

    private static ExposedPort.Protocol protocol(String text) {
        if (text == null) {
            return ExposedPort.Protocol.TCP;
        }
        for (ExposedPort.Protocol p : ExposedPort.Protocol.values()) {
            if (p.name().equalsIgnoreCase(text)) {
                return p;
            }
        }
        return null;
    }
}
