package io.peeros.environment.internal.blueprint;

import io.peeros.environment.api.Blueprint;
import io.peeros.environment.api.BlueprintFormat;
import io.peeros.environment.api.ContainerGroup;
import io.peeros.environment.api.ProvisioningStep;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Reads a PeerOS blueprint (YAML or JSON, one model) from its tree. */
final class NativeReader {

    static final Pattern SSH_KEY = Pattern.compile("(ssh-(rsa|ed25519|dss)|ecdsa-sha2-nistp(256|384|521)"
            + "|sk-ssh-ed25519@openssh\\.com|sk-ecdsa-sha2-nistp256@openssh\\.com) [A-Za-z0-9+/]+={0,3}( .*)?");

    private final Problems problems;
    private final Vars vars;

    NativeReader(Problems problems) {
        this.problems = problems;
        this.vars = new Vars(problems);
    }

    Blueprint read(Node root, Map<String, String> overrides, BlueprintFormat format) {
        Fields top = Fields.of(root, root, Paths.ROOT, problems, vars, "name", "description", "variables",
                "containers", "sshKeys", "provisioning");
        if (top == null) {
            return null;
        }
        if (top.entry("variables") != null) {
            new VariableReader(problems, vars).read(top.entry("variables"), "variables");
        }
        vars.resolve(overrides, "variables");
        String name = top.string("name", true);
        if (name != null && !Names.DNS_LABEL.matcher(name).matches()) {
            problems.error(top.entry("name"), "name", Names.DNS_RULE + ", got '" + name + "'");
        }
        String description = top.string("description", false);
        References references = new References();
        Assembly assembly = new Assembly(problems);
        GroupReader groupReader = new GroupReader(problems, vars, references);
        if (!top.has("containers")) {
            top.missing("containers", "a blueprint has at least one container group");
        } else {
            List<Node> items = top.list("containers", Limits.GROUPS);
            if (items.isEmpty() && top.entry("containers").value() instanceof Node.Sequence) {
                problems.error(top.entry("containers"), "containers", "must list at least one container group");
            }
            for (int i = 0; i < items.size(); i++) {
                ContainerGroup group = groupReader.read(items.get(i), Paths.item("containers", i));
                if (group != null) {
                    assembly.add(group, items.get(i), Paths.item("containers", i));
                } else {
                    assembly.unreadable(items.get(i));
                }
            }
        }
        List<String> sshKeys = new ArrayList<>();
        List<Node> keys = top.list("sshKeys", Limits.SSH_KEYS);
        for (int i = 0; i < keys.size(); i++) {
            String key = Fields.scalar(keys.get(i), keys.get(i), Paths.item("sshKeys", i), vars, problems);
            if (key != null && !SSH_KEY.matcher(key.strip()).matches()) {
                problems.error(keys.get(i), Paths.item("sshKeys", i), "must be an OpenSSH public key"
                        + " ('ssh-ed25519 AAAA… comment'), got '" + abbreviate(key) + "'");
            } else if (key != null) {
                sshKeys.add(key.strip());
            }
        }
        List<ProvisioningStep> provisioning = new StepReader(problems, vars, references).read(top, "provisioning",
                null);
        Located containersAt = top.has("containers") ? top.entry("containers") : root;
        List<ContainerGroup> groups = assembly.finish(references, containersAt, "containers");
        if (problems.any()) {
            return null;
        }
        return new Blueprint(problems.file(), format, name, description,
                new ArrayList<>(vars.declared().values()), vars.values(), groups, sshKeys,
                assembly.inventories(provisioning), problems.warnings());
    }

    private static String abbreviate(String text) {
        return text.length() <= 24 ? text : text.substring(0, 20) + "…";
    }
}
