package io.peeros.rest.internal;

import io.peeros.container.api.TemplateInfo;
import io.peeros.container.api.TemplateProgress;
import io.peeros.container.api.TemplateStore;
import io.peeros.rest.internal.error.ApiException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.ws.rs.core.Response;

/**
 * Receives an uploaded template archive into a spool file, reporting it as the {@value #UPLOAD} step, hands
 * the file to the store to verify and import, and deletes it whatever happens.
 */
final class TemplateUploads {

    /** The largest archive accepted: far above any rootfs a peer rents out. */
    static final long MAX_ARCHIVE_BYTES = 64L << 30;
    /** The progress step of the request body arriving. */
    static final String UPLOAD = "upload";

    private static final int BUFFER = 1 << 16;

    private final Path spool;

    /** @param spool the directory upload files are written to, {@code null} for the system's temporary one */
    TemplateUploads(Path spool) {
        this.spool = spool;
    }

    /** @param length the announced length of {@code body}, -1 when not known */
    TemplateInfo importFrom(TemplateStore store, InputStream body, long length, TemplateProgress progress)
            throws IOException {
        if (length > MAX_ARCHIVE_BYTES) {
            throw tooLarge();
        }
        Path file = spool == null ? Files.createTempFile("peeros-template-", ".upload")
                : Files.createTempFile(spool, "peeros-template-", ".upload");
        try {
            receive(body, file, length, progress);
            return store.importArchive(file, progress);
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private static void receive(InputStream body, Path file, long length, TemplateProgress progress)
            throws IOException {
        byte[] buffer = new byte[BUFFER];
        long done = 0;
        progress.update(UPLOAD, 0, length);
        try (OutputStream out = Files.newOutputStream(file)) {
            for (int n = body.read(buffer); n >= 0; n = body.read(buffer)) {
                done += n;
                if (done > MAX_ARCHIVE_BYTES) {
                    throw tooLarge();
                }
                out.write(buffer, 0, n);
                progress.update(UPLOAD, done, length);
            }
        }
        if (done == 0) {
            throw new ApiException(Response.Status.BAD_REQUEST, "BODY_MISSING",
                    "Send the template archive as the body (application/octet-stream).");
        }
        progress.update(UPLOAD, done, done);
    }

    private static ApiException tooLarge() {
        return new ApiException(Response.Status.REQUEST_ENTITY_TOO_LARGE, "BODY_TOO_LARGE",
                "Template archives are limited to " + (MAX_ARCHIVE_BYTES >> 30) + " GiB.");
    }
}
