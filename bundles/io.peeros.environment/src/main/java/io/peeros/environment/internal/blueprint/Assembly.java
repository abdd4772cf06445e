package io.peeros.environment.internal.blueprint;

import io.peeros.environment.api.AnsibleStep;
import io.peeros.environment.api.ContainerGroup;
import io.peeros.environment.api.ProvisioningStep;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The checks that need every group at once: unique group names and hostnames, the total count, references
 * ({@code after}, step targets, inventory members), cycles in {@code after}; and the Ansible inventories,
 * where group names are expanded to hostnames.
 */
final class Assembly {

    /** A group as read, with where it was read. */
    record Read(ContainerGroup group, Located at, String path) {
    }

    private final Problems problems;
    private final List<Read> reads = new ArrayList<>();
    private final Map<String, ContainerGroup> groups = new LinkedHashMap<>();
    private final Map<String, String> hostOwner = new HashMap<>();
    private final Set<String> unreadable = new HashSet<>();

    Assembly(Problems problems) {
        this.problems = problems;
    }

    void add(ContainerGroup group, Located at, String path) {
        String clash = clash(group);
        if (clash != null) {
            String field = clash.startsWith("hostname") ? "hostname" : "name";
            Located where = at;
            if (at instanceof Node.Mapping m && m.entries().containsKey(field)) {
                where = m.entries().get(field);
            }
            problems.error(where, Paths.child(path, field), clash);
            return;
        }
        group.hostnames().forEach(hostname -> hostOwner.put(hostname, group.name()));
        groups.put(group.name(), group);
        reads.add(new Read(group, at, path));
    }

    /** Why {@code group} cannot sit beside the groups read so far, or {@code null}. */
    private String clash(ContainerGroup group) {
        if (groups.containsKey(group.name())) {
            return "duplicate group name '" + group.name() + "'";
        }
        String owner = hostOwner.get(group.name());
        if (owner != null) {
            return "group name '" + group.name() + "' is a hostname of group '" + owner
                    + "': 'in' and 'after' could not tell them apart";
        }
        for (String hostname : group.hostnames()) {
            owner = hostOwner.get(hostname);
            if (owner != null) {
                return "hostname '" + hostname + "' is also a container of group '" + owner + "'";
            }
            if (groups.containsKey(hostname)) {
                return "hostname '" + hostname + "' is the name of group '" + hostname
                        + "': 'in' and 'after' could not tell them apart";
            }
        }
        return null;
    }

    /**
     * Records the name of a group that could not be read (its errors are already reported), so that
     * references to it are not reported as well.
     */
    void unreadable(Node node) {
        if (node instanceof Node.Mapping m) {
            for (String key : new String[] {"name", "hostname"}) {
                Node.Entry entry = m.entries().get(key);
                if (entry != null && entry.value() instanceof Node.Scalar s && s.text() != null) {
                    unreadable.add(s.text());
                }
            }
        }
    }

    /** Checks the references and the total; returns the groups with their inventories expanded. */
    List<ContainerGroup> finish(References references, Located containersAt, String containersPath) {
        int total = groups.values().stream().mapToInt(ContainerGroup::count).sum();
        if (total > Limits.CONTAINERS) {
            problems.error(containersAt, containersPath, "at most " + Limits.CONTAINERS + " containers in all, got "
                    + total);
        }
        for (References.Reference ref : references.all()) {
            boolean known = groups.containsKey(ref.name()) || unreadable.contains(ref.name())
                    || (ref.kind() == References.Kind.GROUP_OR_HOST && hostOwner.containsKey(ref.name()));
            if (!known) {
                Set<String> candidates = new HashSet<>(groups.keySet());
                if (ref.kind() == References.Kind.GROUP_OR_HOST) {
                    candidates.addAll(hostOwner.keySet());
                }
                String what = ref.kind() == References.Kind.GROUP ? "no group" : "no group or container";
                problems.error(ref.at(), ref.path(), what + " named '" + ref.name() + "'"
                        + Names.suggest(ref.name(), candidates.stream().sorted().toList()));
            }
        }
        cycles();
        List<ContainerGroup> out = new ArrayList<>();
        for (ContainerGroup g : groups.values()) {
            out.add(new ContainerGroup(g.name(), g.hostnames(), g.template(), g.size(), g.quota(), g.count(),
                    g.placement(), g.ports(), g.after(), inventories(g.provisioning())));
        }
        return out;
    }

    /** The steps with every Ansible inventory's group names replaced by their hostnames. */
    List<ProvisioningStep> inventories(List<ProvisioningStep> steps) {
        List<ProvisioningStep> out = new ArrayList<>();
        for (ProvisioningStep step : steps) {
            if (step instanceof AnsibleStep a) {
                Map<String, List<String>> inventory = new LinkedHashMap<>();
                if (a.inventory().isEmpty()) {
                    groups.values().forEach(g -> inventory.put(g.name(), g.hostnames()));
                } else {
                    a.inventory().forEach((name, members) -> {
                        List<String> hosts = new ArrayList<>();
                        for (String member : members) {
                            ContainerGroup g = groups.get(member);
                            hosts.addAll(g != null ? g.hostnames() : List.of(member));
                        }
                        inventory.put(name, hosts);
                    });
                }
                out.add(new AnsibleStep(a.target(), a.playbook(), a.inline(), a.sourceUrl(), inventory,
                        a.extraVars()));
            } else {
                out.add(step);
            }
        }
        return out;
    }

    private void cycles() {
        Map<String, Integer> state = new HashMap<>();
        for (Read read : reads) {
            List<String> trail = new ArrayList<>();
            if (cycle(read.group().name(), state, trail)) {
                problems.error(read.at(), Paths.child(read.path(), "after"), "'after' goes round in a cycle: "
                        + String.join(" -> ", trail));
                return;
            }
        }
    }

    private boolean cycle(String name, Map<String, Integer> state, List<String> trail) {
        Integer s = state.get(name);
        ContainerGroup group = groups.get(name);
        if (s != null && s == 2 || group == null) {
            return false;
        }
        trail.add(name);
        if (s != null && s == 1) {
            return true;
        }
        state.put(name, 1);
        for (String before : group.after()) {
            if (cycle(before, state, trail)) {
                return true;
            }
        }
        state.put(name, 2);
        trail.remove(trail.size() - 1);
        return false;
    }
}
