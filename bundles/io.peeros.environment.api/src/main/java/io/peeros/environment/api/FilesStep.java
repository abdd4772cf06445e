package io.peeros.environment.api;

import java.util.List;
import java.util.Objects;

/**
 * Files written into each target container.
 *
 * @param target a group name or a hostname
 * @param files the files, at least one
 */
public record FilesStep(String target, List<FileSpec> files) implements ProvisioningStep {

    public FilesStep {
        Objects.requireNonNull(target, "target");
        files = List.copyOf(files);
    }

    @Override
    public Kind kind() {
        return Kind.FILES;
    }

    /**
     * One file. Exactly one of {@code content} and {@code source} is set.
     *
     * @param path the absolute path in the container
     * @param content the file's text, or {@code null}
     * @param source where to take it from (a path relative to the blueprint, or an {@code https://} URL), or
     *        {@code null}
     * @param mode the permission bits, {@code 0644} unless given
     */
    public record FileSpec(String path, String content, String source, int mode) {

        public FileSpec {
            Objects.requireNonNull(path, "path");
        }
    }
}
