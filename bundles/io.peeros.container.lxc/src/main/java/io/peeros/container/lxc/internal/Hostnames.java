package io.peeros.container.lxc.internal;

import io.peeros.container.api.ContainerException;
import io.peeros.container.api.ContainerState;
import io.peeros.container.api.ExecRequest;
import io.peeros.container.api.ExecResult;
import io.peeros.container.lxc.internal.jna.LxcContainer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * A container's hostname: LXC's {@code lxc.uts.name} and the container's {@code /etc/hostname}, which systemd
 * reads at boot and would otherwise set back. In a running container both the file and the live hostname
 * are set by a command run inside it, so the container's own view of its files decides where the write goes.
 * A stopped container's file is written from the host into the layer the container will see: the rootfs
 * directory, or the upper (delta) directory of an overlay clone, never the template below it. Links there are
 * resolved against the container's own root ({@link ContainerRoot}) and the file is replaced by a rename, so
 * a link planted in the container cannot point the write at a host file; with the container stopped, nothing
 * in it can change the tree meanwhile.
 */
final class Hostnames {

    private static final String LABEL = "[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?";
    static final String RULE = LABEL + "(\\." + LABEL + ")*, at most 64 characters";
    private static final Pattern PATTERN = Pattern.compile("(?=.{1,64}$)" + LABEL + "(\\." + LABEL + ")*");

    private Hostnames() {
    }

    static String check(String hostname) {
        if (hostname == null || !PATTERN.matcher(hostname).matches()) {
            throw new ContainerException(ContainerException.INVALID_REQUEST, "invalid hostname "
                    + (hostname == null ? "null" : '"' + hostname.replaceAll("\\p{Cntrl}", "?") + '"')
                    + ": dot-separated labels of lower-case letters, digits and '-', not starting or ending with '-' ("
                    + RULE + ")");
        }
        return hostname;
    }

    /**
     * Sets the hostname of {@code c}, RUNNING (through {@code exec}) or STOPPED, then its config. The caller
     * holds the container's lock and has checked the hostname.
     */
    static void set(LxcContainer c, ContainerState state, String hostname, ContainerFiles files,
            Function<ExecRequest, ExecResult> exec) throws IOException {
        String name = c.name();
        if (state == ContainerState.RUNNING) {
            ExecResult r = exec.apply(ExecRequest.of("/bin/sh", "-c",
                    "printf '%s\\n' \"$1\" > /etc/hostname && hostname \"$1\"", "sh", hostname)
                    .withTimeout(Duration.ofSeconds(30)));
            if (r.exitCode() != 0) {
                throw new ContainerException(ContainerException.LXC_FAILURE, "could not set the hostname inside "
                        + "container " + name + " (exit " + r.exitCode() + "): " + r.stderr().strip());
            }
        } else if (state == ContainerState.STOPPED) {
            writeStopped(files.configValue(name, "lxc.rootfs.path"), hostname);
        } else {
            throw new ContainerException(ContainerException.INVALID_STATE, "container " + name + " is " + state
                    + ": the hostname can be set while it is RUNNING or STOPPED");
        }
        files.replaceKeys(name, k -> k.equals("lxc.uts.name") || k.equals("lxc.utsname"),
                List.of("lxc.uts.name = " + hostname));
    }

    /** Writes {@code /etc/hostname} of a stopped container whose {@code lxc.rootfs.path} is {@code rootfs}. */
    private static void writeStopped(String rootfs, String hostname) throws IOException {
        Path etc = etc(rootfs == null ? "" : rootfs);
        Path tmp = etc.resolve(".hostname.peeros");
        Files.deleteIfExists(tmp);
        Files.writeString(tmp, hostname + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE);
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-r--r--"));
        Files.setAttribute(tmp, "unix:uid", Files.getAttribute(etc, "unix:uid", LinkOption.NOFOLLOW_LINKS));
        Files.setAttribute(tmp, "unix:gid", Files.getAttribute(etc, "unix:gid", LinkOption.NOFOLLOW_LINKS));
        Files.move(tmp, etc.resolve("hostname"), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** The host directory that is, or will be seen as, the container's {@code /etc}. */
    private static Path etc(String rootfs) throws IOException {
        if (rootfs.startsWith("overlay:") || rootfs.startsWith("overlayfs:")) {
            String[] layers = rootfs.substring(rootfs.indexOf(':') + 1).split(":");
            if (layers.length != 2) {
                throw unsupported(rootfs);
            }
            Path upperEtc = Path.of(layers[1], "etc");
            if (Files.isDirectory(upperEtc, LinkOption.NOFOLLOW_LINKS)) {
                return upperEtc;
            }
            if (Files.exists(upperEtc, LinkOption.NOFOLLOW_LINKS)) {
                throw notADirectory(upperEtc);
            }
            Path lowerEtc = Path.of(layers[0], "etc");
            if (!Files.isDirectory(lowerEtc, LinkOption.NOFOLLOW_LINKS)) {
                throw notADirectory(lowerEtc);
            }
            // the overlay shows the upper directory's owner and mode for the merged /etc: keep the template's
            Files.createDirectory(upperEtc);
            LinkOption here = LinkOption.NOFOLLOW_LINKS;
            Files.setPosixFilePermissions(upperEtc, Files.getPosixFilePermissions(lowerEtc, here));
            Files.setAttribute(upperEtc, "unix:uid", Files.getAttribute(lowerEtc, "unix:uid", here));
            Files.setAttribute(upperEtc, "unix:gid", Files.getAttribute(lowerEtc, "unix:gid", here));
            return upperEtc;
        }
        String dir = rootfs.startsWith("dir:") ? rootfs.substring(4) : rootfs;
        if (!dir.startsWith("/")) {
            throw unsupported(rootfs);
        }
        ContainerRoot root = new ContainerRoot(Path.of(dir));
        return root.resolve("/etc").filter(p -> Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS))
                .orElseThrow(() -> notADirectory(Path.of(dir, "etc")));
    }

    private static ContainerException unsupported(String rootfs) {
        return new ContainerException(ContainerException.INVALID_STATE, "cannot write /etc/hostname into a stopped "
                + "container with rootfs '" + rootfs + "': set the hostname while it runs");
    }

    private static ContainerException notADirectory(Path path) {
        return new ContainerException(ContainerException.INVALID_STATE, "cannot write the container's /etc/hostname: "
                + path + " is not a directory");
    }
}
