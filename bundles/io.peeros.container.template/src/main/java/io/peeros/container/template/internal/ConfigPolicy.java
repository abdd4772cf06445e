package io.peeros.container.template.internal;

import io.peeros.container.api.TemplateException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The LXC keys a template's config fragment may set: an allow-list of what describes the system inside the
 * container. Everything that reaches the host (hooks, host mounts, host files, device access, namespaces
 * shared with the host, AppArmor/seccomp relaxations) or that the peer sets per container (name, rootfs,
 * network, cgroup quotas, id maps, autostart) is refused.
 */
final class ConfigPolicy {

    /** The config of a bare rootfs built without one. */
    static final String DEFAULT_CONFIG = "lxc.include = /usr/share/lxc/config/common.conf\nlxc.net.0.type = empty\n";

    private static final Pattern NET_TYPE = Pattern.compile("lxc\\.net\\.[0-9]{1,3}\\.type");
    private static final Pattern SIGNAL = Pattern.compile("(SIG)?[A-Z]{2,8}([+-][0-9]{1,2})?|[0-9]{1,2}");
    private static final Pattern DIGITS = Pattern.compile("[0-9]{1,5}");
    private static final Pattern ARCH = Pattern.compile("[a-z0-9_]{1,16}");
    private static final Pattern ENVIRONMENT = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*=.*");
    private static final Pattern CAPS = Pattern.compile("[a-z_]+( +[a-z_]+)*");
    private static final Set<String> MOUNT_AUTO = Set.of("proc:mixed", "sys:mixed", "sys:ro", "cgroup:mixed", "cgroup:ro");
    private static final Set<String> APPARMOR = Set.of("generated", "lxc-container-default", "lxc-container-default-cgns");
    private static final Set<String> MOUNT_FS = Set.of("tmpfs", "mqueue");
    private static final int MAX_CONFIG = 64 * 1024;

    private final Set<String> includes;

    /** @param includes the files {@code lxc.include} may name (host files vetted by the owner) */
    ConfigPolicy(Set<String> includes) {
        this.includes = Set.copyOf(includes);
    }

    /** Refuses the whole fragment at its first line that is not allowed. */
    void check(String config) {
        if (config.length() > MAX_CONFIG) {
            throw new TemplateException(TemplateException.CONFIG_REFUSED, "the config is larger than 64 KiB");
        }
        List<String> lines = config.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            String t = lines.get(i).strip();
            if (t.isEmpty() || t.startsWith("#")) {
                continue;
            }
            int eq = t.indexOf('=');
            Optional<String> why = eq <= 0 ? Optional.of("it is not 'key = value'")
                    : refusal(t.substring(0, eq).strip(), t.substring(eq + 1).strip());
            if (why.isPresent()) {
                throw new TemplateException(TemplateException.CONFIG_REFUSED, "config line " + (i + 1) + " '" + t
                        + "' is not allowed in a template: " + why.get());
            }
        }
    }

    /** The allowed lines of a container's config (what export keeps); the rest is dropped. */
    String filter(String config) {
        StringBuilder kept = new StringBuilder();
        for (String line : config.lines().toList()) {
            String t = line.strip();
            int eq = t.indexOf('=');
            if (eq > 0 && !t.startsWith("#") && refusal(t.substring(0, eq).strip(), t.substring(eq + 1).strip()).isEmpty()) {
                kept.append(t).append('\n');
            }
        }
        return kept.toString();
    }

    /** Why {@code key = value} is refused, or empty when it is allowed. */
    Optional<String> refusal(String key, String value) {
        String why = switch (key) {
            case "lxc.include" -> includes.contains(value) ? null
                    : "lxc.include may name only " + includes + " (files on the host, vetted by its owner)";
            case "lxc.arch" -> ARCH.matcher(value).matches() ? null : "not an architecture name";
            case "lxc.init.cmd", "lxc.init.cwd" -> value.isEmpty() ? "empty" : null;
            case "lxc.signal.halt", "lxc.signal.reboot", "lxc.signal.stop" ->
                    SIGNAL.matcher(value).matches() ? null : "not a signal";
            case "lxc.environment" -> ENVIRONMENT.matcher(value).matches() ? null
                    : "must be NAME=value (a bare NAME would pass the host's value into the container)";
            case "lxc.tty.max", "lxc.pty.max" -> DIGITS.matcher(value).matches() ? null : "not a number";
            case "lxc.tty.dir" -> value.matches("[a-z0-9]{1,16}") ? null : "not a directory name";
            case "lxc.autodev", "lxc.no_new_privs" -> value.equals("0") || value.equals("1") ? null : "must be 0 or 1";
            case "lxc.cap.drop" -> CAPS.matcher(value).matches() ? null : "not a list of capabilities";
            case "lxc.mount.auto" -> Set.of(value.split("\\s+")).stream().allMatch(MOUNT_AUTO::contains) ? null
                    : "only " + MOUNT_AUTO + " (read-write proc, sys or cgroup reach the host)";
            case "lxc.mount.entry" -> mountEntry(value);
            case "lxc.apparmor.profile" -> APPARMOR.contains(value) ? null
                    : "only " + APPARMOR + " (unconfined or nesting profiles weaken the confinement)";
            case "lxc.uts.name", "lxc.utsname", "lxc.rootfs.path", "lxc.rootfs" ->
                    "the peer sets it for each container";
            default -> otherKey(key, value);
        };
        return Optional.ofNullable(why);
    }

    private static String otherKey(String key, String value) {
        if (NET_TYPE.matcher(key).matches()) {
            return value.equals("empty") ? null : "the peer sets up networking; a template may only say 'empty'";
        }
        if (key.startsWith("lxc.hook.")) {
            return "hooks run commands on the host";
        }
        if (key.startsWith("lxc.net.")) {
            return "the peer sets up networking";
        }
        if (key.startsWith("lxc.cgroup") || key.startsWith("lxc.prlimit.")) {
            return "the peer sets resource limits and device access";
        }
        if (key.startsWith("lxc.idmap") || key.startsWith("lxc.namespace.") || key.startsWith("lxc.start.")) {
            return "the peer decides id maps, namespaces and autostart";
        }
        return "it is not one of the keys a template may set (docs/templates.md lists them)";
    }

    /** Only tmpfs and mqueue mounts at relative targets: a template cannot mount anything of the host. */
    private static String mountEntry(String value) {
        String[] f = value.split("\\s+");
        if (f.length < 4) {
            return "a mount entry needs source, target, type and options";
        }
        if (!MOUNT_FS.contains(f[2])) {
            return "only " + MOUNT_FS + " mounts; other types (bind, block devices) reach host files";
        }
        if (f[1].startsWith("/") || List.of(f[1].split("/")).contains("..")) {
            return "the target must be a path inside the container, relative and without '..'";
        }
        for (String option : f[3].split(",")) {
            if (option.equals("bind") || option.equals("rbind")) {
                return "the option " + option + " is not allowed";
            }
        }
        return null;
    }
}
