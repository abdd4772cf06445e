package io.peeros.container.lxc.internal;

import java.nio.file.Path;
import java.time.Duration;

/**
 * The manager's configuration, parsed and checked once from {@link LxcContainerManager.Config}.
 *
 * @param lxcPath the LXC directory holding one directory per container
 * @param stopTimeout how long a clean stop may take before the container is killed
 * @param startTimeout how long {@code lxc-start} may take to bring a container to RUNNING
 * @param execTimeout the timeout of an exec that does not name one
 * @param maxExecOutput bytes kept of each of stdout and stderr
 */
record ManagerSettings(Path lxcPath, Duration stopTimeout, Duration startTimeout, Duration execTimeout,
        int maxExecOutput) {

    static ManagerSettings from(LxcContainerManager.Config config) {
        Path path = Path.of(config.lxcPath());
        if (!path.isAbsolute()) {
            throw new IllegalArgumentException("lxcPath must be absolute: " + config.lxcPath());
        }
        return new ManagerSettings(path.normalize(),
                Duration.ofSeconds(positive("defaultStopTimeoutSeconds", config.defaultStopTimeoutSeconds())),
                Duration.ofSeconds(positive("startTimeoutSeconds", config.startTimeoutSeconds())),
                Duration.ofSeconds(positive("execTimeoutSeconds", config.execTimeoutSeconds())),
                positive("maxExecOutputBytes", config.maxExecOutputBytes()));
    }

    private static int positive(String name, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive, not " + value);
        }
        return value;
    }
}
