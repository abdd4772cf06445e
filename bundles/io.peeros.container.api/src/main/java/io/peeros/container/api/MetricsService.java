package io.peeros.container.api;

import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Reads what the containers of this peer and the host itself use: CPU, RAM, processes, disk and network.
 * Values come from the kernel (cgroups, {@code /proc}, sysfs) when asked; nothing is sampled in the
 * background, so rates are computed by the caller from two readings.
 */
@ProviderType
public interface MetricsService {

    /**
     * What the container uses now.
     *
     * @throws ContainerException {@link ContainerException#NOT_FOUND} or {@link ContainerException#INVALID_NAME}
     */
    ContainerMetrics container(String name);

    /** What every container of this peer uses now, sorted by name. */
    List<ContainerMetrics> containers();

    /** What the host uses now. */
    HostMetrics host();
}
