package io.peeros.rest.internal;

import io.peeros.rest.internal.dto.AvailableUpgradeDto;
import io.peeros.rest.internal.dto.UpgradeRecordDto;
import io.peeros.rest.internal.error.ApiException;
import io.peeros.upgrade.api.AvailableUpgrade;
import io.peeros.upgrade.api.UpgradeProgress;
import io.peeros.upgrade.api.UpgradeRecord;
import io.peeros.upgrade.api.UpgradeRequest;
import io.peeros.upgrade.api.UpgradeService;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.ws.rs.core.Response;

/** Upgrade DTOs, and an uploaded archive spooled to a file for the upgrade service and deleted afterwards. */
final class Upgrades {

    /** The largest archive accepted over REST; the service applies its own, usually smaller, bound. */
    static final long MAX_ARCHIVE_BYTES = 2L << 30;

    private Upgrades() {
    }

    static UpgradeRecordDto toDto(UpgradeRecord r) {
        return new UpgradeRecordDto(r.id(), Iso8601.of(r.started()), r.durationMillis(), r.fromVersion(),
                r.toVersion(), r.source(), r.outcome().name(), r.failedChecks(), r.rolledBack(), r.updatedBundles(),
                r.message());
    }

    static AvailableUpgradeDto toDto(AvailableUpgrade a) {
        return new AvailableUpgradeDto(a.version(), a.publisher(), a.size(), a.sha256());
    }

    /** Spools {@code body} and runs the upgrade from it; the spool file is deleted whatever happens. */
    static UpgradeRecord fromUpload(UpgradeService service, InputStream body, boolean dryRun, UpgradeProgress progress)
            throws IOException {
        Path file = Files.createTempFile("peeros-upgrade-", ".upload");
        try {
            long done = 0;
            byte[] buffer = new byte[1 << 16];
            try (OutputStream out = Files.newOutputStream(file)) {
                for (int n = body.read(buffer); n >= 0; n = body.read(buffer)) {
                    done += n;
                    if (done > MAX_ARCHIVE_BYTES) {
                        throw new ApiException(Response.Status.REQUEST_ENTITY_TOO_LARGE, "BODY_TOO_LARGE",
                                "Upgrade archives are limited to " + (MAX_ARCHIVE_BYTES >> 30) + " GiB.");
                    }
                    out.write(buffer, 0, n);
                }
            }
            if (done == 0) {
                throw new ApiException(Response.Status.BAD_REQUEST, "BODY_MISSING",
                        "Send the upgrade archive as the body (application/octet-stream).");
            }
            progress.step("Received " + done + " bytes.");
            return service.upgrade(UpgradeRequest.ofFile(file, dryRun), progress);
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
