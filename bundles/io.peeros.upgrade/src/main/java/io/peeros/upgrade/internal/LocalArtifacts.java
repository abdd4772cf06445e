package io.peeros.upgrade.internal;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Finds the file behind a bundle location on this machine, without any network: {@code file:} URLs, and
 * {@code mvn:} (also inside {@code wrap:}) in the distribution's {@code system/} repository.
 */
final class LocalArtifacts {

    private final Path systemRepository;

    LocalArtifacts(Path systemRepository) {
        this.systemRepository = systemRepository;
    }

    Optional<Path> resolve(String location) {
        String l = location.strip();
        if (l.startsWith("wrap:")) {
            l = l.substring("wrap:".length());
            int params = l.indexOf('$');
            if (params >= 0) {
                l = l.substring(0, params);
            }
        }
        try {
            if (l.startsWith("file:")) {
                Path p = Path.of(URI.create(l));
                return Files.isRegularFile(p) ? Optional.of(p) : Optional.empty();
            }
            if (l.startsWith("mvn:")) {
                String[] parts = l.substring(4).split("/");
                if (parts.length < 3) {
                    return Optional.empty();
                }
                String type = parts.length > 3 && !parts[3].isEmpty() ? parts[3] : "jar";
                String classifier = parts.length > 4 && !parts[4].isEmpty() ? "-" + parts[4] : "";
                Path p = systemRepository.resolve(parts[0].replace('.', '/')).resolve(parts[1]).resolve(parts[2])
                        .resolve(parts[1] + "-" + parts[2] + classifier + "." + type);
                return Files.isRegularFile(p) ? Optional.of(p) : Optional.empty();
            }
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }
}
