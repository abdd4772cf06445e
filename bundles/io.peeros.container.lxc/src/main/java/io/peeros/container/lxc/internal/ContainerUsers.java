package io.peeros.container.lxc.internal;

import io.peeros.container.api.ContainerException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/** Resolves the user of an exec (name, uid or uid:gid) against the container's own {@code /etc/passwd}. */
final class ContainerUsers {

    /** The identity a command runs as: numeric ids and a home directory. */
    record ExecUser(int uid, int gid, String home) {
        static final ExecUser ROOT = new ExecUser(0, 0, "/root");

        boolean isRoot() {
            return uid == 0 && gid == 0;
        }
    }

    private static final Pattern NUMERIC = Pattern.compile("(\\d{1,10})(?::(\\d{1,10}))?");
    private static final Pattern NAME = Pattern.compile("[a-z_][a-z0-9_.-]{0,31}\\$?");
    private static final long MAX_PASSWD = 4 << 20;

    private ContainerUsers() {
    }

    /** Root (no user given) is uid 0 with HOME /root, without reading the container's files. */
    static ExecUser resolve(ContainerRoot root, String user) {
        if (user == null || user.isEmpty()) {
            return ExecUser.ROOT;
        }
        var numeric = NUMERIC.matcher(user);
        if (numeric.matches()) {
            int uid = id(numeric.group(1), user);
            Optional<ExecUser> known = entry(root, e -> e[2].equals(Integer.toUnsignedString(uid)));
            int gid = numeric.group(2) != null ? id(numeric.group(2), user) : known.map(ExecUser::gid).orElse(uid);
            return new ExecUser(uid, gid, known.map(ExecUser::home).orElse("/"));
        }
        if (!NAME.matcher(user).matches()) {
            throw invalid("invalid user \"" + user + "\": give a user name, a uid or uid:gid");
        }
        return entry(root, e -> e[0].equals(user)).orElseThrow(
                () -> invalid("no user \"" + user + "\" in the container's /etc/passwd"));
    }

    private static Optional<ExecUser> entry(ContainerRoot root, Predicate<String[]> match) {
        Optional<Path> passwd = root.resolve("/etc/passwd");
        if (passwd.isEmpty()) {
            return Optional.empty();
        }
        try {
            if (Files.size(passwd.get()) > MAX_PASSWD) {
                return Optional.empty();
            }
            List<String> lines = Files.readAllLines(passwd.get());
            return lines.stream().map(l -> l.split(":", -1)).filter(e -> e.length >= 6 && match.test(e))
                    .findFirst().flatMap(ContainerUsers::toUser);
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static Optional<ExecUser> toUser(String[] e) {
        try {
            String home = e[5].isEmpty() ? "/" : e[5];
            return Optional.of(new ExecUser(Integer.parseUnsignedInt(e[2]), Integer.parseUnsignedInt(e[3]), home));
        } catch (NumberFormatException x) {
            return Optional.empty();
        }
    }

    private static int id(String digits, String user) {
        long v = Long.parseLong(digits);
        if (v >= 0xFFFF_FFFFL) {
            throw invalid("invalid user \"" + user + "\": ids go up to 4294967294");
        }
        return (int) v;
    }

    private static ContainerException invalid(String message) {
        return new ContainerException(ContainerException.INVALID_REQUEST, message);
    }
}
