package io.peeros.container.lxc.internal.quota;

import io.peeros.container.api.Quota;
import io.peeros.container.lxc.internal.cgroup.ContainerCgroup;
import java.io.IOException;
import java.nio.file.Files;

/**
 * Writes a quota's cgroup limits into a running container's cgroups, one file at a time, remembering each
 * old value in the {@link Undo} so that a value the kernel refuses puts the earlier ones back.
 */
final class CgroupApply {

    private CgroupApply() {
    }

    static void apply(ContainerCgroup cg, Quota q, Undo undo) throws IOException {
        for (CgroupLimits.Setting s : CgroupLimits.live(q, cg.isUnified())) {
            if (!cg.has(s.file())) {
                if (s.limits()) {
                    throw new IOException("this host cannot set " + s.file() + ": the cgroup file "
                            + cg.file(s.file()) + " does not exist (controller not enabled)");
                }
                continue;
            }
            String value = s.value() != null ? s.value() : parentValue(cg, s.file());
            String before = cg.read(s.file());
            if (before.equals(value)) {
                continue;
            }
            try {
                cg.write(s.file(), value);
            } catch (IOException e) {
                throw new IOException("the kernel refused " + s.file() + " = " + value + " (" + reason(e) + ")", e);
            }
            undo.push(s.file() + " back to " + before, () -> cg.write(s.file(), before));
        }
    }

    /** v1 has no "no limit" for cpuset.cpus: the parent's set is the default. */
    private static String parentValue(ContainerCgroup cg, String file) throws IOException {
        return Files.readString(cg.file(file).getParent().getParent().resolve(file)).strip();
    }

    /** The errno text of a failed write, e.g. "Device or resource busy". */
    static String reason(IOException e) {
        String m = e.getMessage() == null ? e.toString() : e.getMessage();
        int colon = m.lastIndexOf(": ");
        return colon >= 0 ? m.substring(colon + 2) : m;
    }
}
