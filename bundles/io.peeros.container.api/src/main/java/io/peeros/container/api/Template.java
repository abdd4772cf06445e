package io.peeros.container.api;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A template unpacked on this peer: a directory holding {@code rootfs/} (the root file system) and
 * {@code config} (an LXC configuration fragment without the name, hostname and rootfs keys, which the
 * manager owns). The template store hands these out; containers created from one are independent copies.
 *
 * @param name the template name, recorded in the containers created from it
 * @param directory the unpacked template directory
 */
public record Template(String name, Path directory) {

    public Template {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(directory, "directory");
    }

    /** The root file system directory. */
    public Path rootfs() {
        return directory.resolve("rootfs");
    }

    /** The LXC configuration fragment. */
    public Path config() {
        return directory.resolve("config");
    }
}
