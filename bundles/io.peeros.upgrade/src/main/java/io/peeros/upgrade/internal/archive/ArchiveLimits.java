package io.peeros.upgrade.internal.archive;

/**
 * Size bounds of an archive, checked before and while it is read.
 *
 * @param maxArchiveBytes the largest archive file
 * @param maxEntries the most entries
 */
public record ArchiveLimits(long maxArchiveBytes, int maxEntries) {

    /** The manifest's largest size; 1000 entries take about 150 KiB. */
    public static final int MAX_MANIFEST_BYTES = 1 << 20;
    /** The signature entry's largest size (an Ed25519 signature is 88 base64 characters). */
    public static final int MAX_SIGNATURE_BYTES = 1024;
    /** The features repository's largest size. */
    public static final int MAX_FEATURES_BYTES = 4 << 20;

    public static ArchiveLimits defaults() {
        return new ArchiveLimits(512L << 20, 2000);
    }
}
