package io.peeros.container.api;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Receives the progress of a long template operation (import, build, export). Called from the thread that
 * runs the operation, at most every few MiB and once at the end of each step; it must return quickly.
 */
@ConsumerType
@FunctionalInterface
public interface TemplateProgress {

    /** Reading and hashing the archive (import); bytes of the archive. */
    String READ = "read";
    /** Unpacking the rootfs (import); bytes of the uncompressed rootfs tar. */
    String EXTRACT = "extract";
    /** Packing and compressing the rootfs (build, export); bytes of the uncompressed rootfs tar. */
    String PACK = "pack";
    /** Writing the signed archive (build, export); bytes of the archive. */
    String WRITE = "write";

    /** Ignores progress. */
    TemplateProgress NONE = (step, done, total) -> {
    };

    /**
     * @param step one of {@link #READ}, {@link #EXTRACT}, {@link #PACK}, {@link #WRITE}
     * @param done bytes done in this step
     * @param total bytes the step will take, or -1 when not known in advance
     */
    void update(String step, long done, long total);
}
