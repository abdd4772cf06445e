package io.peeros.container.lxc.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/**
 * Paths inside a running container, seen from the host through {@code /proc/<init pid>/root}. Symbolic
 * links are followed by hand against the container's root: the kernel would resolve an absolute link
 * against the host's root instead, and let a container point us at host files.
 */
final class ContainerRoot {

    private static final int MAX_LINKS = 40;

    private final Path root;

    ContainerRoot(int initPid) {
        this(Path.of("/proc", Integer.toString(initPid), "root"));
    }

    ContainerRoot(Path root) {
        this.root = root;
    }

    /** The host path of {@code path} inside the container with every link resolved, if it exists. */
    Optional<Path> resolve(String path) {
        Deque<String> todo = new ArrayDeque<>(Arrays.asList(path.split("/")));
        List<String> done = new ArrayList<>();
        int links = 0;
        try {
            while (!todo.isEmpty()) {
                String part = todo.pollFirst();
                if (part.isEmpty() || part.equals(".")) {
                    continue;
                }
                if (part.equals("..")) {
                    if (!done.isEmpty()) {
                        done.remove(done.size() - 1);
                    }
                    continue;
                }
                Path candidate = host(done).resolve(part);
                if (!Files.isSymbolicLink(candidate)) {
                    if (!Files.exists(candidate, LinkOption.NOFOLLOW_LINKS)) {
                        return Optional.empty();
                    }
                    done.add(part);
                    continue;
                }
                if (++links > MAX_LINKS) {
                    return Optional.empty();
                }
                String target = Files.readSymbolicLink(candidate).toString();
                if (target.startsWith("/")) {
                    done.clear();
                }
                List<String> parts = Arrays.asList(target.split("/"));
                for (int i = parts.size() - 1; i >= 0; i--) {
                    todo.addFirst(parts.get(i));
                }
            }
        } catch (IOException e) {
            return Optional.empty();
        }
        return Optional.of(host(done));
    }

    boolean isDirectory(String path) {
        return resolve(path).map(p -> Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)).orElse(false);
    }

    private Path host(List<String> parts) {
        return parts.isEmpty() ? root : root.resolve(String.join("/", parts));
    }
}
