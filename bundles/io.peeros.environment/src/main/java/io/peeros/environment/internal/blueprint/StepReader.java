package io.peeros.environment.internal.blueprint;

import io.peeros.environment.api.AnsibleStep;
import io.peeros.environment.api.FilesStep;
import io.peeros.environment.api.ProvisioningStep;
import io.peeros.environment.api.ShellStep;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Reads provisioning steps: {@code shell}, {@code files} or {@code ansible}, each run {@code in} a target. */
final class StepReader {

    private static final Pattern MODE = Pattern.compile("0?[0-7]{3,4}");

    private final Problems problems;
    private final Vars vars;
    private final References references;

    StepReader(Problems problems, Vars vars, References references) {
        this.problems = problems;
        this.vars = vars;
        this.references = references;
    }

    /** The steps of a {@code provisioning} list; {@code group} is the default target, or {@code null}. */
    List<ProvisioningStep> read(Fields parent, String key, String group) {
        List<ProvisioningStep> steps = new ArrayList<>();
        List<Node> items = parent.list(key, Limits.STEPS);
        for (int i = 0; i < items.size(); i++) {
            ProvisioningStep step = step(items.get(i), Paths.item(parent.path(key), i), group);
            if (step != null) {
                steps.add(step);
            }
        }
        return steps;
    }

    private ProvisioningStep step(Node node, String path, String group) {
        Fields f = Fields.of(node, node, path, problems, vars, "in", "shell", "files", "ansible", "timeout");
        if (f == null) {
            return null;
        }
        List<String> kinds = new ArrayList<>();
        for (String kind : List.of("shell", "files", "ansible")) {
            if (f.has(kind)) {
                kinds.add(kind);
            }
        }
        if (kinds.size() != 1) {
            problems.error(node, path, kinds.isEmpty() ? "a step needs one of shell, files, ansible"
                    : "a step has only one of shell, files, ansible; got " + String.join(" and ", kinds));
            return null;
        }
        String target = f.string("in", group == null);
        if (target == null) {
            target = group;
        } else {
            references.add(References.Kind.GROUP_OR_HOST, target,
                    f.entry("in"), f.path("in"));
        }
        Integer timeout = f.integer("timeout", 1, Limits.TIMEOUT_SECONDS, false);
        if (target == null) {
            return null;
        }
        switch (kinds.get(0)) {
            case "shell":
                List<String> commands = shell(f);
                return commands.isEmpty() ? null : new ShellStep(target, commands, timeout);
            case "files":
                List<FilesStep.FileSpec> files = files(f);
                return files.isEmpty() ? null : new FilesStep(target, files);
            default:
                return ansible(f, target);
        }
    }

    private List<String> shell(Fields f) {
        Node.Entry entry = f.entry("shell");
        if (entry.value() instanceof Node.Scalar) {
            String script = f.string("shell", true);
            return script == null ? List.of() : List.of(script);
        }
        if (entry.value() instanceof Node.Sequence sequence && sequence.items().isEmpty()) {
            problems.error(entry, f.path("shell"), "must list at least one command");
        }
        return f.strings("shell", Limits.COMMANDS);
    }

    private List<FilesStep.FileSpec> files(Fields f) {
        List<FilesStep.FileSpec> files = new ArrayList<>();
        List<Node> items = f.list("files", Limits.FILES);
        for (int i = 0; i < items.size(); i++) {
            String path = Paths.item(f.path("files"), i);
            Fields file = Fields.of(items.get(i), items.get(i), path, problems, vars, "path", "content", "source",
                    "mode");
            if (file == null) {
                continue;
            }
            String target = file.string("path", true);
            if (target != null && !target.startsWith("/")) {
                problems.error(file.entry("path"), file.path("path"), "must be an absolute path, got '" + target + "'");
                target = null;
            }
            if (file.has("content") == file.has("source")) {
                problems.error(items.get(i), path, "a file has either content or source");
                continue;
            }
            String content = file.string("content", false);
            String source = file.string("source", false);
            int mode = 0644;
            String modeText = file.string("mode", false);
            if (modeText != null) {
                if (MODE.matcher(modeText).matches()) {
                    mode = Integer.parseInt(modeText, 8);
                } else {
                    problems.error(file.entry("mode"), file.path("mode"), "must be octal permission bits like 0644,"
                            + " got '" + modeText + "'");
                }
            }
            if (target != null && (content != null || source != null)) {
                files.add(new FilesStep.FileSpec(target, content, source, mode));
            }
        }
        if (items.isEmpty() && f.entry("files").value() instanceof Node.Sequence) {
            problems.error(f.entry("files"), f.path("files"), "must list at least one file");
        }
        return files;
    }

    private AnsibleStep ansible(Fields step, String target) {
        Fields f = step.object("ansible", "playbook", "inline", "source", "groups", "extraVars");
        if (f == null) {
            return null;
        }
        if (f.has("playbook") == f.has("inline")) {
            problems.error(step.entry("ansible"), step.path("ansible"),
                    "an ansible step has either playbook or inline");
            return null;
        }
        String playbook = f.string("playbook", false);
        String inline = f.string("inline", false);
        String source = f.string("source", false);
        if (source != null && !source.startsWith("https://")) {
            problems.error(f.entry("source"), f.path("source"), "must be an https:// URL of a zip archive, got '"
                    + source + "'");
        }
        if (source != null && inline != null) {
            problems.error(f.entry("source"), f.path("source"), "source goes with playbook, not with inline");
        }
        Map<String, List<String>> inventory = new LinkedHashMap<>();
        Fields groups = f.has("groups") ? Fields.of(f.entry("groups").value(), f.entry("groups"), f.path("groups"),
                problems, vars) : null;
        if (groups != null) {
            for (Node.Entry group : groups.mapping().entries().values()) {
                String path = groups.path(group.key());
                if (!Names.DNS_LABEL.matcher(group.key()).matches() && !group.key().matches("[A-Za-z_][A-Za-z0-9_]*")) {
                    problems.error(group, path, "Ansible group names are letters, digits and '_'");
                }
                List<String> members = new ArrayList<>();
                if (group.value() instanceof Node.Sequence sequence) {
                    for (int i = 0; i < sequence.items().size(); i++) {
                        Node item = sequence.items().get(i);
                        String member = Fields.scalar(item, item, Paths.item(path, i), vars, problems);
                        if (member != null) {
                            members.add(member);
                            references.add(References.Kind.GROUP_OR_HOST, member, item, Paths.item(path, i));
                        }
                    }
                } else {
                    problems.error(group, path, "must be a list of groups or hostnames, got "
                            + group.value().describe());
                }
                inventory.put(group.key(), members);
            }
        }
        Map<String, String> extraVars = new LinkedHashMap<>();
        Fields extra = f.has("extraVars") ? Fields.of(f.entry("extraVars").value(), f.entry("extraVars"),
                f.path("extraVars"), problems, vars) : null;
        if (extra != null) {
            for (Node.Entry variable : extra.mapping().entries().values()) {
                String value = Fields.scalar(variable.value(), variable, extra.path(variable.key()), vars, problems);
                if (value != null) {
                    extraVars.put(variable.key(), value);
                }
            }
        }
        return new AnsibleStep(target, playbook, inline, source, inventory, extraVars);
    }
}
