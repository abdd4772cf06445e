package io.peeros.container.template.internal;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The store directory: {@code <name>/<version>/} per template, holding the four archive entries as files
 * ({@code metadata.json}, {@code metadata.sig}, {@code config}, {@code rootfs.tar.zst}) and the unpacked
 * {@code rootfs/}. Work happens in {@code .staging-*} directories that become a template by one atomic
 * rename; removal renames to {@code .trash-*} first. Dot directories are leftovers of a crash and are
 * deleted at start.
 */
final class StoreLayout {

    static final String METADATA = "metadata.json";
    static final String SIGNATURE = "metadata.sig";
    static final String CONFIG = "config";
    static final String ROOTFS_ZST = "rootfs.tar.zst";
    static final String ROOTFS = "rootfs";

    private final Path root;

    StoreLayout(Path root) {
        this.root = root;
    }

    Path root() {
        return root;
    }

    /** Creates the store (owner-only: it holds setuid binaries of every template) and removes leftovers. */
    void open() throws IOException {
        Files.createDirectories(root);
        Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwx------"));
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(root, ".*")) {
            for (Path d : dirs) {
                deleteTree(d);
            }
        }
    }

    Path dir(String name, String version) {
        return root.resolve(name).resolve(version);
    }

    /** A new empty working directory inside the store, on the same file system as the templates. */
    Path newStaging() throws IOException {
        return Files.createDirectory(root.resolve(".staging-" + UUID.randomUUID()));
    }

    /** Makes a staged template visible in one rename. */
    void commit(Path staging, String name, String version) throws IOException {
        Files.createDirectories(root.resolve(name));
        Files.move(staging, dir(name, version), StandardCopyOption.ATOMIC_MOVE);
    }

    /** Makes a template invisible in one rename, then deletes it. */
    void discard(String name, String version) throws IOException {
        Path trash = root.resolve(".trash-" + UUID.randomUUID());
        Files.move(dir(name, version), trash, StandardCopyOption.ATOMIC_MOVE);
        try (DirectoryStream<Path> rest = Files.newDirectoryStream(root.resolve(name))) {
            if (!rest.iterator().hasNext()) {
                Files.deleteIfExists(root.resolve(name));
            }
        } catch (IOException e) {
            // another version appeared meanwhile: the name directory stays
        }
        deleteTree(trash);
    }

    /** The metadata of one stored template, if it is there. */
    Optional<TemplateMetadata> metadata(String name, String version) {
        Path file = dir(name, version).resolve(METADATA);
        try {
            return Optional.of(TemplateMetadata.of(TemplateMetadata.tree(Files.readAllBytes(file))));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("the stored metadata " + file + " cannot be read: " + e.getMessage(), e);
        }
    }

    /** Every stored template's metadata; a damaged entry is skipped and reported to {@code damaged}. */
    List<TemplateMetadata> all(java.util.function.BiConsumer<Path, Exception> damaged) throws IOException {
        List<TemplateMetadata> all = new ArrayList<>();
        try (DirectoryStream<Path> names = Files.newDirectoryStream(root, p -> TemplateNames.isName(name(p)))) {
            for (Path n : names) {
                try (DirectoryStream<Path> versions = Files.newDirectoryStream(n, p -> TemplateNames.isVersion(name(p)))) {
                    for (Path v : versions) {
                        try {
                            metadata(name(n), name(v)).ifPresent(all::add);
                        } catch (RuntimeException e) {
                            damaged.accept(v, e);
                        }
                    }
                } catch (NoSuchFileException e) {
                    // removed while listing
                }
            }
        }
        return all;
    }

    /** Deletes a tree without following symlinks (a rootfs is full of them, some absolute). */
    static void deleteTree(Path top) throws IOException {
        if (!Files.exists(top, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Files.walkFileTree(top, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                if (e != null) {
                    throw e;
                }
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    private static String name(Path p) {
        return p.getFileName().toString();
    }
}
