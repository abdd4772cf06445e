package io.peeros.upgrade.api;

/**
 * A refused or failed upgrade. The code is stable (REST error bodies and scripts test it); the message says what
 * is wrong and where (which entry, which publisher, which feature).
 */
public class UpgradeException extends RuntimeException {

    /** The archive's signature does not verify with the publisher key it names. */
    public static final String BAD_SIGNATURE = "BAD_SIGNATURE";
    /** The archive is signed by a key this peer does not trust. */
    public static final String UNKNOWN_PUBLISHER = "UNKNOWN_PUBLISHER";
    /** An entry's bytes are not those the signed manifest lists. */
    public static final String DIGEST_MISMATCH = "DIGEST_MISMATCH";
    /** The archive is not a well-formed upgrade archive (missing manifest, unlisted entry, zip-slip path...). */
    public static final String ARCHIVE_INVALID = "ARCHIVE_INVALID";
    /** The archive or one of its entries is larger than allowed. */
    public static final String ARCHIVE_TOO_LARGE = "ARCHIVE_TOO_LARGE";
    /** The archive's version is not newer than the installed one. */
    public static final String NOT_NEWER = "NOT_NEWER";
    /** The archive lacks a feature or bundle the peer needs. */
    public static final String MISSING_FEATURE = "MISSING_FEATURE";
    /** The version asked for is in no local store nor served by the peer asked. */
    public static final String VERSION_UNKNOWN = "VERSION_UNKNOWN";
    /** Another upgrade is running. */
    public static final String BUSY = "UPGRADE_BUSY";
    /** The request itself is malformed (no source, two sources...). */
    public static final String REQUEST_INVALID = "UPGRADE_REQUEST_INVALID";
    /** Installing or rolling back failed in the features service. */
    public static final String INSTALL_FAILED = "INSTALL_FAILED";
    /** The peer to download from cannot be used (no peer client, unknown peer, download failed). */
    public static final String PEER_UNAVAILABLE = "UPGRADE_PEER_UNAVAILABLE";

    private static final long serialVersionUID = 1L;

    private final String code;

    public UpgradeException(String code, String message) {
        super(message);
        this.code = code;
    }

    public UpgradeException(String code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    /** The stable error code, e.g. {@link #DIGEST_MISMATCH}. */
    public String code() {
        return code;
    }
}
