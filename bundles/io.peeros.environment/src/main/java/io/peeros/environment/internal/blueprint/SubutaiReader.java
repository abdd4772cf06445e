package io.peeros.environment.internal.blueprint;

import io.peeros.container.api.SizeClass;
import io.peeros.environment.api.AnsibleStep;
import io.peeros.environment.api.Blueprint;
import io.peeros.environment.api.BlueprintFormat;
import io.peeros.environment.api.ContainerGroup;
import io.peeros.environment.api.ExposedPort;
import io.peeros.environment.api.Placement;
import io.peeros.environment.api.ProvisioningStep;
import io.peeros.environment.api.Variable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Reads a Subutai Bazaar blueprint ({@code Subutai.json}) into the PeerOS model. Each container becomes a
 * group of one; {@code peer-criteria} becomes {@link Placement#together()}; {@code port-mapping} becomes
 * exposed ports; {@code ansible-configuration} becomes one {@link AnsibleStep}; {@code user-variables} become
 * variables. {@code version} and {@code author} are accepted and reported as warnings (not kept).
 */
final class SubutaiReader {

    /** A domain name, which Subutai's {@code domain} variables hold (their own validation is ignored). */
    static final String DOMAIN = "([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)*[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?";

    private final Problems problems;
    private final Vars vars;

    SubutaiReader(Problems problems) {
        this.problems = problems;
        this.vars = new Vars(problems);
    }

    Blueprint read(Node root, Map<String, String> overrides) {
        Fields top = Fields.of(root, root, Paths.ROOT, problems, vars, "name", "description", "version", "author",
                "containers", "peer-criteria", "ansible-configuration", "user-variables");
        if (top == null) {
            return null;
        }
        for (String ignored : List.of("version", "author")) {
            if (top.has(ignored)) {
                problems.warning(top.entry(ignored), ignored, "Subutai's '" + ignored + "' is not used by PeerOS and"
                        + " is ignored");
            }
        }
        if (top.entry("user-variables") != null) {
            variables(top.entry("user-variables"));
        }
        vars.resolve(overrides, "user-variables");
        String name = top.string("name", true);
        if (name != null && !Names.DNS_LABEL.matcher(name).matches()) {
            problems.error(top.entry("name"), "name", Names.DNS_RULE + ", got '" + name + "'");
        }
        String description = top.string("description", false);
        Set<String> criteria = new HashSet<>();
        List<Node> criteriaItems = top.list("peer-criteria", Limits.GROUPS);
        for (int i = 0; i < criteriaItems.size(); i++) {
            Fields c = Fields.of(criteriaItems.get(i), criteriaItems.get(i), Paths.item("peer-criteria", i), problems,
                    vars, "name");
            String criterion = c == null ? null : c.string("name", true);
            if (criterion != null) {
                criteria.add(criterion);
            }
        }
        References references = new References();
        Assembly assembly = new Assembly(problems);
        if (!top.has("containers")) {
            top.missing("containers", "a blueprint has at least one container");
        }
        List<Node> items = top.list("containers", Limits.GROUPS);
        String controller = null;
        for (int i = 0; i < items.size(); i++) {
            ContainerGroup group = container(items.get(i), Paths.item("containers", i), criteria);
            if (group != null) {
                controller = controller == null ? group.name() : controller;
                assembly.add(group, items.get(i), Paths.item("containers", i));
            } else {
                assembly.unreadable(items.get(i));
            }
        }
        List<ProvisioningStep> steps = new ArrayList<>();
        if (top.has("ansible-configuration")) {
            AnsibleStep step = ansible(top, references, controller);
            if (step != null) {
                steps.add(step);
            }
        }
        Located containersAt = top.has("containers") ? top.entry("containers") : root;
        List<ContainerGroup> groups = assembly.finish(references, containersAt, "containers");
        if (problems.any()) {
            return null;
        }
        return new Blueprint(problems.file(), BlueprintFormat.SUBUTAI, name, description,
                new ArrayList<>(vars.declared().values()), vars.values(), groups, List.of(), steps,
                problems.warnings());
    }

    private void variables(Node.Entry entry) {
        Fields all = Fields.of(entry.value(), entry, "user-variables", problems, vars);
        if (all == null) {
            return;
        }
        for (Node.Entry declaration : all.mapping().entries().values()) {
            String path = all.path(declaration.key());
            Fields f = Fields.of(declaration.value(), declaration, path, problems, vars, "description", "type",
                    "default", "validation");
            if (f == null) {
                continue;
            }
            if (!Names.VARIABLE.matcher(declaration.key()).matches()) {
                problems.error(declaration, path, "variable names are letters, digits and '_'");
                continue;
            }
            String type = f.has("type") ? f.raw("type") : "string";
            String validation = f.raw("validation");
            Variable variable;
            switch (type == null ? "" : type) {
                case "string":
                    if (validation != null && !isRegex(validation)) {
                        problems.error(f.entry("validation"), f.path("validation"), "not a regular expression: '"
                                + validation + "'");
                        continue;
                    }
                    variable = new Variable(declaration.key(), Variable.Type.STRING, f.raw("description"),
                            f.raw("default"), validation, null, null, null);
                    break;
                case "domain":
                    if (validation != null) {
                        problems.warning(f.entry("validation"), f.path("validation"), "the validation of a domain"
                                + " variable is replaced by the domain name rule");
                    }
                    variable = new Variable(declaration.key(), Variable.Type.STRING, f.raw("description"),
                            f.raw("default"), DOMAIN, null, null, null);
                    break;
                case "enum":
                    if (validation == null) {
                        f.missing("validation", "an enum lists its values, comma separated: \"SMALL,MEDIUM\"");
                        continue;
                    }
                    variable = new Variable(declaration.key(), Variable.Type.ENUM, f.raw("description"),
                            f.raw("default"), null, null, null,
                            Arrays.stream(validation.split(",")).map(String::strip).filter(v -> !v.isEmpty()).toList());
                    break;
                default:
                    problems.error(f.entry("type"), f.path("type"), "unsupported Subutai variable type '" + type
                            + "': expected one of string, domain, enum");
                    continue;
            }
            boolean valid = true;
            if (variable.defaultValue() != null) {
                String wrong = Vars.check(variable, variable.defaultValue());
                if (wrong != null) {
                    problems.error(f.entry("default"), f.path("default"), wrong);
                    valid = false;
                }
            }
            vars.declare(variable, declaration, valid);
        }
    }

    private static boolean isRegex(String text) {
        try {
            Pattern.compile(text);
            return true;
        } catch (PatternSyntaxException e) {
            return false;
        }
    }

    private ContainerGroup container(Node node, String path, Set<String> criteria) {
        Fields f = Fields.of(node, node, path, problems, vars, "hostname", "template", "peer-criteria", "size",
                "port-mapping");
        if (f == null) {
            return null;
        }
        String hostname = f.string("hostname", true);
        if (hostname != null && !Names.DNS_LABEL.matcher(hostname).matches()) {
            problems.error(f.entry("hostname"), f.path("hostname"), Names.DNS_RULE + ", got '" + hostname + "'");
            hostname = null;
        }
        String template = f.string("template", true);
        if (template != null && !GroupReader.TEMPLATE.matcher(template).matches()) {
            problems.error(f.entry("template"), f.path("template"), "must be a template name, got '" + template + "'");
            template = null;
        }
        SizeClass size = f.choice("size", SizeClass.class, true);
        String together = f.string("peer-criteria", false);
        if (together != null && !criteria.contains(together)) {
            problems.error(f.entry("peer-criteria"), f.path("peer-criteria"), "no peer-criteria named '" + together
                    + "' in the top-level peer-criteria list" + Names.suggest(together, criteria));
        }
        List<ExposedPort> ports = new ArrayList<>();
        List<Node> mappings = f.list("port-mapping", Limits.PORTS);
        for (int i = 0; i < mappings.size(); i++) {
            Fields m = Fields.of(mappings.get(i), mappings.get(i), Paths.item(f.path("port-mapping"), i), problems,
                    vars, "protocol", "domain", "internal-port", "external-port");
            if (m == null) {
                continue;
            }
            ExposedPort.Protocol protocol = m.choice("protocol", ExposedPort.Protocol.class, true);
            Integer internal = m.integer("internal-port", 1, 65535, true);
            Integer external = m.integer("external-port", 1, 65535, false);
            String domain = m.string("domain", false);
            if (protocol != null && internal != null) {
                ports.add(new ExposedPort(internal, protocol, external, domain));
            }
        }
        if (hostname == null || template == null || size == null) {
            return null;
        }
        return new ContainerGroup(hostname, List.of(hostname), template, size, null, 1,
                new Placement(null, null, null, Placement.Strategy.PACK, together), ports, List.of(), List.of());
    }

    /** The Ansible step, run from {@code controller} (the first container), or {@code null}. */
    private AnsibleStep ansible(Fields top, References references, String controller) {
        Fields f = top.object("ansible-configuration", "source-url", "ansible-playbook", "extra-vars", "groups");
        if (f == null) {
            return null;
        }
        String source = f.string("source-url", false);
        if (source != null && !source.startsWith("https://")) {
            problems.error(f.entry("source-url"), f.path("source-url"), "must be an https:// URL of a zip archive");
        }
        String playbook = f.string("ansible-playbook", true);
        Map<String, String> extraVars = new LinkedHashMap<>();
        List<Node> extra = f.list("extra-vars", 1000);
        for (int i = 0; i < extra.size(); i++) {
            Fields kv = Fields.of(extra.get(i), extra.get(i), Paths.item(f.path("extra-vars"), i), problems, vars,
                    "key", "value");
            String key = kv == null ? null : kv.string("key", true);
            String value = kv == null ? null : kv.string("value", true);
            if (key != null && value != null) {
                extraVars.put(key, value);
            }
        }
        Map<String, List<String>> inventory = new LinkedHashMap<>();
        List<Node> groups = f.list("groups", Limits.GROUPS);
        for (int i = 0; i < groups.size(); i++) {
            Fields g = Fields.of(groups.get(i), groups.get(i), Paths.item(f.path("groups"), i), problems, vars,
                    "name", "hostnames");
            if (g == null) {
                continue;
            }
            String groupName = g.string("name", true);
            List<String> hostnames = g.strings("hostnames", Limits.CONTAINERS);
            for (int h = 0; h < hostnames.size(); h++) {
                references.add(References.Kind.GROUP_OR_HOST, hostnames.get(h), g.entry("hostnames"),
                        Paths.item(g.path("hostnames"), h));
            }
            if (groupName != null) {
                inventory.put(groupName, hostnames);
            }
        }
        if (playbook == null || controller == null) {
            return null;
        }
        problems.warning(top.entry("ansible-configuration"), "ansible-configuration", "Subutai ran Ansible from a"
                + " container of its own; PeerOS runs it from '" + controller + "', the first container");
        return new AnsibleStep(controller, playbook, null, source, inventory, extraVars);
    }
}
