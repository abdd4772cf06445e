package io.peeros.container.api;

/**
 * A refused or failed template operation. It is a {@link ContainerException}, so callers that handle those
 * handle these too; the codes below are added to the container codes, of which {@link #INVALID_NAME},
 * {@link #NOT_FOUND}, {@link #IN_USE}, {@link #INVALID_STATE} and {@link #INVALID_REQUEST} are also used for
 * templates.
 */
public class TemplateException extends ContainerException {

    /** The archive has no {@code metadata.sig}. */
    public static final String UNSIGNED = "UNSIGNED";
    /** The signature does not verify against the certificate in the metadata, or that certificate is not the publisher's. */
    public static final String BAD_SIGNATURE = "BAD_SIGNATURE";
    /** The signature is good but the publisher is neither this peer nor a peer it trusts. */
    public static final String UNTRUSTED_PUBLISHER = "UNTRUSTED_PUBLISHER";
    /** The rootfs or config does not match the SHA-256 in the signed metadata: the archive was tampered with. */
    public static final String HASH_MISMATCH = "HASH_MISMATCH";
    /** The LXC config fragment sets a key or value that templates may not set. */
    public static final String CONFIG_REFUSED = "CONFIG_REFUSED";
    /** The rootfs holds an entry that could write outside it (absolute path, {@code ..}, through a link) or a device node. */
    public static final String UNSAFE_ENTRY = "UNSAFE_ENTRY";
    /** The template names a parent that is not in the store (or whose rootfs differs). */
    public static final String PARENT_MISSING = "PARENT_MISSING";
    /** The file is not a template archive: wrong entries, order, sizes or metadata. */
    public static final String INVALID_ARCHIVE = "INVALID_ARCHIVE";
    /** The store already holds this name and version. */
    public static final String TEMPLATE_EXISTS = "TEMPLATE_EXISTS";
    /** The store's file system has too little free space for the rootfs. */
    public static final String NO_SPACE = "NO_SPACE";
    /** A file operation or a tool ({@code tar}, {@code zstd}) failed; the message quotes it. */
    public static final String STORE_FAILURE = "STORE_FAILURE";

    private static final long serialVersionUID = 1L;

    public TemplateException(String code, String message) {
        super(code, message);
    }

    public TemplateException(String code, String message, Throwable cause) {
        super(code, message, cause);
    }
}
