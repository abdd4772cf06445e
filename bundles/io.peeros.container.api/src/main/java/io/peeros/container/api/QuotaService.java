package io.peeros.container.api;

import java.util.Map;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Sets and reads the resource limits of the containers of this peer: CPU (weight, percent quota, cpuset),
 * RAM and swap, processes, disk and network rate. A quota set on a running container holds at once; every
 * quota is kept in the container's configuration, so it holds again after a restart. Setting is all or
 * nothing: a quota that cannot be applied in full leaves the container's limits and configuration as they
 * were.
 *
 * <p>Errors are {@link ContainerException}s: {@link ContainerException#INVALID_REQUEST} for a value this
 * host cannot honour (negative, zero, beyond the host's capacity, malformed), with a message naming every
 * bad value; {@link ContainerException#NOT_FOUND} and {@link ContainerException#INVALID_NAME} as for
 * {@link ContainerManager}; {@link ContainerException#INVALID_STATE} when a limit can only be set on a
 * stopped container; {@link ContainerException#LXC_FAILURE} when the kernel refused a value (the rest was
 * rolled back).
 */
@ProviderType
public interface QuotaService {

    /** The limits recorded for the container; {@link Quota#NONE} when it has none. */
    Quota quota(String name);

    /**
     * Replaces the container's limits with {@code quota}: limits it leaves unset are removed. Applies at
     * once when the container is running and records the limits for its next start.
     *
     * @return the limits now in force
     */
    Quota setQuota(String name, Quota quota);

    /**
     * Gives the container the RAM, CPU percent and disk limits of {@code sizeClass}, keeping its other
     * limits; as {@link #setQuota} otherwise.
     */
    Quota setSizeClass(String name, SizeClass sizeClass);

    /** The limits each size class stands for on this peer. */
    Map<SizeClass, Quota> sizeClasses();
}
