package io.peeros.container.api;

import java.io.OutputStream;
import java.nio.file.Path;
import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The templates of this peer: signed archives (see {@code docs/templates.md}) imported and unpacked into a
 * store, from which {@link ContainerManager#create} makes containers. Every method is synchronous and safe to
 * call from several threads. A template is identified by name and version; where a version may be
 * {@code null}, the newest version is meant (numeric order of {@code MAJOR.MINOR.PATCH}, a pre-release before
 * its release).
 *
 * <p>Import verifies the archive completely before it is visible: the signature over the metadata, the
 * publisher (this peer, or a peer of the {@code TrustService}), the SHA-256 of config and rootfs, the config
 * against the allowed LXC keys and every rootfs entry; a refused or failed import leaves nothing behind.
 */
@ProviderType
public interface TemplateStore {

    /**
     * Verifies and imports a template archive.
     *
     * @throws TemplateException {@link TemplateException#UNSIGNED}, {@link TemplateException#BAD_SIGNATURE},
     *     {@link TemplateException#UNTRUSTED_PUBLISHER}, {@link TemplateException#HASH_MISMATCH},
     *     {@link TemplateException#CONFIG_REFUSED}, {@link TemplateException#UNSAFE_ENTRY},
     *     {@link TemplateException#PARENT_MISSING}, {@link TemplateException#TEMPLATE_EXISTS},
     *     {@link TemplateException#INVALID_ARCHIVE}, {@link TemplateException#NO_SPACE}
     */
    TemplateInfo importArchive(Path archive, TemplateProgress progress);

    /** Every template in the store, sorted by name, then version (oldest first). */
    List<TemplateInfo> list();

    /** The metadata of one template; {@code version} {@code null} for the newest. */
    TemplateInfo info(String name, String version);

    /**
     * The unpacked template to create containers from; {@code version} {@code null} for the newest. Its
     * {@link Template#name()} is {@code name:version}, which the container manager records in the containers.
     */
    Template get(String name, String version);

    /**
     * Removes one version, or every version when {@code version} is {@code null}.
     *
     * @throws TemplateException {@link ContainerException#IN_USE} while a container was created from it or
     *     another template names it as parent (the message names them)
     */
    void remove(String name, String version);

    /** Writes the signed archive of a stored template, byte for byte importable on another peer. */
    void writeArchive(String name, String version, OutputStream out);

    /**
     * Packs a template directory into an archive signed with this peer's key. {@code source} holds
     * {@code rootfs/} and {@code config} (a recipe's output); a directory without {@code rootfs/} is taken as
     * a bare rootfs and gets the default config. The archive is not imported.
     *
     * @param parent the stored template this one derives from as {@code name:version}, or {@code null}
     * @param archive the file to write; replaced atomically
     */
    TemplateInfo build(Path source, String name, String version, String parent, Path archive,
            TemplateProgress progress);

    /**
     * Packs a stopped or frozen container into an archive signed with this peer's key. The config is the
     * container's, without the keys a peer sets per container; the parent is the container's template when
     * the store holds it. The archive is not imported.
     *
     * @throws TemplateException {@link ContainerException#INVALID_STATE} when the container is neither
     *     stopped nor frozen
     */
    TemplateInfo export(String container, String name, String version, Path archive, TemplateProgress progress);
}
