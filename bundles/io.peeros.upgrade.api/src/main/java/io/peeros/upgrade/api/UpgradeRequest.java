package io.peeros.upgrade.api;

import java.nio.file.Path;
import java.util.Optional;

/**
 * What to upgrade to, and from where: exactly one of a local archive file, a version kept in this peer's upgrade
 * store, or a version served by a registered peer.
 *
 * @param file a local repository archive, or {@code null}
 * @param version the version to install (from the store, or from {@code fromPeer}), or {@code null} with a file
 *     or to take the newest the peer serves
 * @param fromPeer the full id of a registered peer that serves the archive, or {@code null}
 * @param dryRun verify and simulate only: nothing is installed, and the plan is reported
 */
public record UpgradeRequest(Path file, String version, String fromPeer, boolean dryRun) {

    /** An archive file on this machine. */
    public static UpgradeRequest ofFile(Path file, boolean dryRun) {
        return new UpgradeRequest(file, null, null, dryRun);
    }

    /** A version this peer already keeps in its upgrade store. */
    public static UpgradeRequest ofVersion(String version, boolean dryRun) {
        return new UpgradeRequest(null, version, null, dryRun);
    }

    /** A version (or, when {@code null}, the newest) that {@code peerId} serves. */
    public static UpgradeRequest fromPeer(String peerId, String version, boolean dryRun) {
        return new UpgradeRequest(null, version, peerId, dryRun);
    }

    public Optional<Path> fileOrEmpty() {
        return Optional.ofNullable(file);
    }

    /** Where the archive comes from, in words, as the history shows it. */
    public String describeSource() {
        if (file != null) {
            return "file " + file;
        }
        if (fromPeer != null) {
            return "peer " + fromPeer;
        }
        return "store";
    }
}
