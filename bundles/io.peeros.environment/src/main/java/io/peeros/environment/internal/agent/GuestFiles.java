package io.peeros.environment.internal.agent;

import io.peeros.container.api.ExecRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Commands that write files inside a container with nothing but POSIX {@code sh} and {@code printf} (busybox and
 * Debian alike). The lines travel as arguments, never through the shell's parser, so no quoting can break them.
 */
public final class GuestFiles {

    /** The variable that carries a private key into {@link #writeKeyPair}. */
    public static final String PRIVATE_KEY_VARIABLE = "PEEROS_PRIVATE_KEY";
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private GuestFiles() {
    }

    /** The {@code /etc/hosts} lines: localhost, then every hostname of the environment, sorted. */
    public static List<String> hostsLines(Map<String, String> hosts) {
        List<String> lines = new ArrayList<>();
        lines.add("127.0.0.1\tlocalhost");
        lines.add("::1\tlocalhost ip6-localhost ip6-loopback");
        new TreeMap<>(hosts).forEach((host, ip) -> lines.add(ip + "\t" + host));
        return lines;
    }

    /**
     * One command (one attach to the container, where writing each file apart took one each) that replaces
     * {@code /etc/hosts} (mode 644) with {@code hostsLines}, {@code /root/.ssh/authorized_keys} (600) with
     * {@code sshKeys} unless there are none, and, when {@code privateKey} is given, the key pair at {@code keyPath}
     * as {@link #writeKeyPair} does. Each value is one argument (lines joined by newlines: none of them has one);
     * the first argument is the root the paths are under ({@code /}).
     */
    public static ExecRequest configure(List<String> hostsLines, List<String> sshKeys, String keyPath,
            String privateKey, String publicKey) {
        String script = "set -e; umask 077; r=\"${0%/}\"; "
                + "put() { mkdir -p \"$(dirname \"$r$1\")\"; printf '%s\\n' \"$3\" > \"$r$1.peeros-tmp\"; "
                + "chmod $2 \"$r$1.peeros-tmp\"; mv -f \"$r$1.peeros-tmp\" \"$r$1\"; }; "
                + "put /etc/hosts 644 \"$1\"; "
                + "if [ -n \"$2\" ]; then put /root/.ssh/authorized_keys 600 \"$2\"; fi; "
                + "if [ -n \"$3\" ]; then k=\"$r$3\"; mkdir -p \"$(dirname \"$k\")\"; chmod 700 \"$(dirname \"$k\")\"; "
                + "printf '%s' \"$" + PRIVATE_KEY_VARIABLE + "\" > \"$k.peeros-tmp\"; chmod 600 \"$k.peeros-tmp\"; "
                + "mv -f \"$k.peeros-tmp\" \"$k\"; put \"$3.pub\" 644 \"$4\"; fi";
        boolean keyed = privateKey != null;
        List<String> argv = List.of("sh", "-c", script, "/", String.join("\n", hostsLines),
                String.join("\n", sshKeys), keyed ? keyPath : "", keyed ? publicKey : "");
        return new ExecRequest(argv, keyed ? Map.of(PRIVATE_KEY_VARIABLE, privateKey) : Map.of(), null, null,
                TIMEOUT);
    }

    /** Replaces {@code path} with {@code lines}, each ended by a newline, with permission {@code mode}. */
    public static ExecRequest writeLines(String path, List<String> lines, String mode) {
        String script = "set -e; umask 077; d=$(dirname \"$0\"); mkdir -p \"$d\"; shift; "
                + "printf '%s\\n' \"$@\" > \"$0.peeros-tmp\"; chmod " + mode + " \"$0.peeros-tmp\"; "
                + "mv -f \"$0.peeros-tmp\" \"$0\"";
        List<String> argv = new ArrayList<>(List.of("sh", "-c", script, path, "--"));
        argv.addAll(lines);
        return new ExecRequest(argv, Map.of(), null, null, TIMEOUT);
    }

    /** Replaces {@code path} with {@code content} exactly (no newline added). */
    public static ExecRequest writeContent(String path, String content, int mode) {
        String script = "set -e; umask 077; d=$(dirname \"$0\"); mkdir -p \"$d\"; "
                + "printf '%s' \"$1\" > \"$0.peeros-tmp\"; chmod " + Integer.toOctalString(mode)
                + " \"$0.peeros-tmp\"; mv -f \"$0.peeros-tmp\" \"$0\"";
        return new ExecRequest(List.of("sh", "-c", script, path, content), Map.of(), null, null, TIMEOUT);
    }

    /**
     * Replaces the SSH key pair at {@code path} (private, mode 600) and {@code path.pub} (public, one line, mode
     * 644) in a directory of mode 700. The private key travels in an environment variable, not as an argument: a
     * process's arguments are readable by every user of the container, its environment only by root.
     */
    public static ExecRequest writeKeyPair(String path, String privateKey, String publicKey) {
        String script = "set -e; umask 077; d=$(dirname \"$0\"); mkdir -p \"$d\"; chmod 700 \"$d\"; "
                + "printf '%s' \"$" + PRIVATE_KEY_VARIABLE + "\" > \"$0.peeros-tmp\"; chmod 600 \"$0.peeros-tmp\"; "
                + "mv -f \"$0.peeros-tmp\" \"$0\"; printf '%s\\n' \"$1\" > \"$0.pub.peeros-tmp\"; "
                + "chmod 644 \"$0.pub.peeros-tmp\"; mv -f \"$0.pub.peeros-tmp\" \"$0.pub\"";
        return new ExecRequest(List.of("sh", "-c", script, path, publicKey), Map.of(PRIVATE_KEY_VARIABLE, privateKey),
                null, null, TIMEOUT);
    }
}
