package io.peeros.upgrade.internal.archive;

import java.nio.file.Path;

/**
 * An archive whose signature, publisher and every entry's digest were checked.
 *
 * @param file the archive file (a copy only this peer writes)
 * @param manifest its signed manifest
 * @param featuresXml the bytes of its features repository
 */
public record VerifiedArchive(Path file, UpgradeManifest manifest, byte[] featuresXml) {
}
