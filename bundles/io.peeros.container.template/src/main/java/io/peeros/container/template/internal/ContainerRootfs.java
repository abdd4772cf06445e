package io.peeros.container.template.internal;

import io.peeros.container.api.ContainerException;
import io.peeros.container.api.ContainerInfo;
import io.peeros.container.api.ContainerState;
import io.peeros.container.api.TemplateException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * How to read the root file system of a stopped or frozen container for export: on the host side, where its
 * LXC config puts it, so the mounts made inside the container ({@code /proc}, {@code /sys}, {@code /dev},
 * tmpfs) are not packed and their mount points are the empty directories beneath. A directory is read as it
 * is; an overlay clone (its delta over its source) or a stopped container's loop image is mounted read-only
 * in a private mount namespace ({@code unshare -m}) that disappears with the tar process, so no mount is
 * ever left on the host. A frozen container's processes cannot change files while it is read.
 */
final class ContainerRootfs {

    private static final String MOUNT_THEN_EXEC = "mount \"$1\" \"$2\" \"$3\" \"$4\" \"$5\" \"$6\" && shift 6 && exec \"$@\"";

    private ContainerRootfs() {
    }

    /** The command that writes the container's rootfs as a tar stream to stdout. */
    static List<String> tarCommand(Path lxcPath, ContainerInfo info, Path scratch) throws IOException {
        boolean frozen = info.state() == ContainerState.FROZEN;
        if (!frozen && info.state() != ContainerState.STOPPED) {
            throw new TemplateException(ContainerException.INVALID_STATE, "container " + info.name() + " is "
                    + info.state() + ": only a stopped or frozen container can be exported");
        }
        String spec = rootfsPath(lxcPath.resolve(info.name()).resolve("config"));
        int colon = spec.indexOf(':');
        String type = colon < 0 ? "dir" : spec.substring(0, colon);
        String rest = colon < 0 ? spec : spec.substring(colon + 1);
        switch (type) {
            case "dir" -> {
                return RootfsPacker.tarCommand(rest);
            }
            case "overlay", "overlayfs" -> {
                int last = rest.lastIndexOf(':');
                if (last < 0 || rest.contains(",")) {
                    throw unsupported(info, spec);
                }
                // read-only overlay of two lower layers: the clone's delta over its source (whiteouts honoured)
                String layers = "ro,lowerdir=" + rest.substring(last + 1) + ":" + rest.substring(0, last);
                return mounted(scratch, List.of("-t", "overlay", "-o", layers, "overlay"));
            }
            case "loop" -> {
                if (frozen) {
                    throw new TemplateException(ContainerException.INVALID_STATE, "container " + info.name()
                            + " has its rootfs in a loop image that it has mounted; stop it to export it");
                }
                return mounted(scratch, List.of("-t", "auto", "-o", "ro,loop", rest));
            }
            default -> throw unsupported(info, spec);
        }
    }

    /** The container's LXC config, for the keys a template keeps. */
    static String config(Path lxcPath, String name) throws IOException {
        return Files.readString(lxcPath.resolve(name).resolve("config"));
    }

    private static List<String> mounted(Path scratch, List<String> mountArgs) throws IOException {
        Path mnt = Files.createDirectories(scratch.resolve("mnt"));
        List<String> argv = new ArrayList<>(List.of("unshare", "--mount", "--propagation", "private", "--",
                "sh", "-c", MOUNT_THEN_EXEC, "peeros-export"));
        argv.addAll(mountArgs);
        argv.add(mnt.toString());
        argv.addAll(RootfsPacker.tarCommand(mnt.toString()));
        return argv;
    }

    private static String rootfsPath(Path config) throws IOException {
        String path = null;
        for (String line : Files.readAllLines(config)) {
            String t = line.strip();
            int eq = t.indexOf('=');
            if (eq > 0 && t.substring(0, eq).strip().equals("lxc.rootfs.path")) {
                path = t.substring(eq + 1).strip();
            }
        }
        if (path == null || path.isEmpty()) {
            throw new TemplateException(TemplateException.STORE_FAILURE, config + " sets no lxc.rootfs.path");
        }
        return path;
    }

    private static TemplateException unsupported(ContainerInfo info, String spec) {
        return new TemplateException(ContainerException.INVALID_REQUEST, "container " + info.name()
                + " has a rootfs that cannot be exported (" + spec + ")");
    }
}
