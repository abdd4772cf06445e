package io.peeros.container.lxc.internal;

import io.peeros.container.api.ContainerException;
import io.peeros.container.api.ExecRequest;
import io.peeros.container.api.ExecResult;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;

/**
 * Runs commands in containers through the {@code lxc-attach} tool. liblxc's own attach forks the whole JVM
 * (its cost grows with the heap) and hands every descriptor the JVM holds to the command; see
 * docs/container-model.md for the measurements. {@code lxc-attach} is spawned by the JDK, which closes them.
 */
final class LxcExec {

    static final String DEFAULT_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    /** {@code lxc-attach} has no working-directory option: a POSIX shell in the container changes into it. */
    private static final String CD_AND_EXEC = "cd \"$1\" || exit 126; shift; exec \"$@\"";
    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private final ProcessRunner runner;

    LxcExec(ProcessRunner runner) {
        this.runner = runner;
    }

    /**
     * Whether the request needs the container's files (its {@code /etc/passwd} for a user, or the working
     * directory), and with them the init PID; a command as root in the default directory does not.
     */
    static boolean readsContainerFiles(ExecRequest request) {
        return (request.user() != null && !request.user().isEmpty()) || request.workingDirectory() != null;
    }

    /** {@code initPid} is only used when {@link #readsContainerFiles} says so. */
    ExecResult run(ManagerSettings settings, String name, int initPid, ExecRequest request) {
        Duration timeout = request.timeout() == null ? settings.execTimeout() : request.timeout();
        validate(request, timeout);
        ContainerRoot root = readsContainerFiles(request) ? new ContainerRoot(initPid) : null;
        ContainerUsers.ExecUser user = ContainerUsers.resolve(root, request.user());
        String cwd = request.workingDirectory();
        if (cwd != null && !root.isDirectory(cwd)) {
            throw invalid("working directory " + cwd + " does not exist in container " + name);
        }
        List<String> argv = argv(settings, name, user, cwd, request);
        try {
            ProcessRunner.Outcome o = runner.run(argv, Math.max(1, timeout.toMillis()), settings.maxExecOutput());
            return new ExecResult(o.exitCode(), o.stdout(), o.stderr(), o.truncated());
        } catch (TimeoutException e) {
            throw new ContainerException(ContainerException.EXEC_TIMEOUT, "command " + request.command().get(0)
                    + " in container " + name + " did not finish in " + timeout.toMillis() + " ms and was killed");
        } catch (IOException e) {
            throw new ContainerException(ContainerException.LXC_FAILURE,
                    "cannot run lxc-attach for container " + name + ": " + e.getMessage(), e);
        }
    }

    private static List<String> argv(ManagerSettings settings, String name, ContainerUsers.ExecUser user,
            String cwd, ExecRequest request) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PATH", DEFAULT_PATH);
        env.put("HOME", user.home());
        env.putAll(request.environment());
        List<String> argv = new ArrayList<>(List.of("lxc-attach", "-n", name, "-P", settings.lxcPath().toString(),
                "--clear-env"));
        env.forEach((k, v) -> argv.addAll(List.of("-v", k + "=" + v)));
        if (!user.isRoot()) {
            argv.addAll(List.of("-u", Integer.toUnsignedString(user.uid()), "-g",
                    Integer.toUnsignedString(user.gid())));
        }
        argv.add("--");
        if (cwd != null) {
            argv.addAll(List.of("/bin/sh", "-c", CD_AND_EXEC, "peeros-exec", cwd));
        }
        argv.addAll(request.command());
        return argv;
    }

    private static void validate(ExecRequest request, Duration timeout) {
        if (request.command().isEmpty() || request.command().get(0).isEmpty()) {
            throw invalid("an exec needs a command");
        }
        for (String arg : request.command()) {
            if (arg == null || arg.indexOf('\0') >= 0) {
                throw invalid("command arguments cannot be null or contain NUL");
            }
        }
        request.environment().forEach((k, v) -> {
            if (!ENV_NAME.matcher(k).matches() || v.indexOf('\0') >= 0) {
                throw invalid("invalid environment variable " + k + ": names are [A-Za-z_][A-Za-z0-9_]*");
            }
        });
        String cwd = request.workingDirectory();
        if (cwd != null && (!cwd.startsWith("/") || cwd.indexOf('\0') >= 0)) {
            throw invalid("working directory must be an absolute path: " + cwd);
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw invalid("exec timeout must be positive: " + timeout);
        }
    }

    private static ContainerException invalid(String message) {
        return new ContainerException(ContainerException.INVALID_REQUEST, message);
    }
}
