package io.peeros.container.api;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The signed metadata of a template, as read from its archive. Immutable.
 *
 * @param name the template name, {@code [a-z][a-z0-9-]{0,62}}
 * @param version its version, {@code MAJOR.MINOR.PATCH} with an optional {@code -pre.release} suffix
 * @param parent the template this one was derived from as {@code name:version}, or {@code null}
 * @param architecture the Debian architecture of the rootfs, e.g. {@code amd64}
 * @param created when the archive was built
 * @param rootfsSize bytes of the uncompressed rootfs tar stream
 * @param rootfsCompressedSize bytes of {@code rootfs.tar.zst}
 * @param rootfsSha256 lower-case hex SHA-256 of {@code rootfs.tar.zst}
 * @param configSha256 lower-case hex SHA-256 of the LXC config fragment
 * @param publisher the peer id of the peer that signed it
 */
public record TemplateInfo(String name, String version, String parent, String architecture, Instant created,
        long rootfsSize, long rootfsCompressedSize, String rootfsSha256, String configSha256, String publisher) {

    public TemplateInfo {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(architecture, "architecture");
        Objects.requireNonNull(created, "created");
        Objects.requireNonNull(rootfsSha256, "rootfsSha256");
        Objects.requireNonNull(configSha256, "configSha256");
        Objects.requireNonNull(publisher, "publisher");
    }

    /**
     * {@code name:version}: the reference other templates use as parent and the template name recorded in the
     * containers created from it ({@link Template#name()}, {@link ContainerInfo#template()}).
     */
    public String id() {
        return name + ":" + version;
    }

    /** The parent as {@code name:version}, if this template was derived from one. */
    public Optional<String> parentId() {
        return Optional.ofNullable(parent);
    }
}
