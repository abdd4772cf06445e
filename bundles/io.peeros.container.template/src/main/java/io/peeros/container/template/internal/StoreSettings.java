package io.peeros.container.template.internal;

import java.nio.file.Path;
import java.util.Set;

/**
 * The store's configuration, parsed and checked once from {@link TemplateStoreService.Config}.
 *
 * @param storeDir the store directory
 * @param lxcPath the container manager's LXC path, where export reads stopped containers
 * @param zstdLevel the zstd level of build and export
 * @param allowedIncludes the files a template's {@code lxc.include} may name
 */
record StoreSettings(Path storeDir, Path lxcPath, int zstdLevel, Set<String> allowedIncludes) {

    static StoreSettings from(TemplateStoreService.Config config) {
        String dir = config.storeDir().isBlank() ? defaultStoreDir() : config.storeDir();
        Path lxcPath = Path.of(config.lxcPath());
        if (!lxcPath.isAbsolute()) {
            throw new IllegalArgumentException("lxcPath must be absolute: " + config.lxcPath());
        }
        if (config.zstdLevel() < 1 || config.zstdLevel() > 19) {
            throw new IllegalArgumentException("zstdLevel must be 1-19, not " + config.zstdLevel());
        }
        return new StoreSettings(Path.of(dir).toAbsolutePath().normalize(), lxcPath.normalize(), config.zstdLevel(),
                Set.of(config.allowedIncludes()));
    }

    private static String defaultStoreDir() {
        String data = System.getProperty("karaf.data");
        return (data == null || data.isBlank() ? "data" : data) + "/peeros/templates";
    }

    /** The Debian name of this machine's architecture, as templates record it. */
    static String hostArchitecture() {
        String arch = System.getProperty("os.arch");
        return switch (arch) {
            case "amd64", "x86_64" -> "amd64";
            case "aarch64" -> "arm64";
            case "x86", "i386", "i686" -> "i386";
            case "ppc64le" -> "ppc64el";
            default -> arch;
        };
    }
}
