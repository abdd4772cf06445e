package io.peeros.upgrade.api;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Upgrades this peer's PeerOS features in place from a signed repository archive, checks the peer's health
 * afterwards and restores the previous version by itself when the check fails. One upgrade runs at a time.
 */
@ProviderType
public interface UpgradeService {

    /**
     * Verifies the archive the request names (signature, publisher, every entry's digest, version, features)
     * before anything is installed, then installs it, health-checks the peer and rolls back on failure. With
     * {@link UpgradeRequest#dryRun()} it stops after verifying and simulating. The call returns when the
     * upgrade has ended; a refusal before anything was installed is thrown, and recorded too.
     *
     * @return the record of what happened (also in {@link #history()})
     * @throws UpgradeException when the archive or the request is refused; nothing was installed then
     */
    UpgradeRecord upgrade(UpgradeRequest request, UpgradeProgress progress);

    /** Every upgrade attempt, oldest first. */
    List<UpgradeRecord> history();

    /** The PeerOS version installed now (the version of the installed {@code peeros} feature). */
    String installedVersion();

    /** The archives this peer keeps (every one it applied or verified), oldest version first. */
    List<AvailableUpgrade> available();

    /**
     * Writes the kept archive of {@code version}, byte for byte as it was signed.
     *
     * @throws UpgradeException {@link UpgradeException#VERSION_UNKNOWN} when none is kept
     */
    void writeArchive(String version, OutputStream out) throws IOException;
}
